package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;

class ConflictRetryInterceptorTest {
  @Test
  void aRollbackForAConflictAnywhereInTheCausesIsRetried() {
    SQLException contention =
        new SQLTransactionRollbackException("A lock could not be obtained", "40XL1");
    SQLException deadlock = new SQLException("deadlock detected", "40P01");

    assertTrue(ConflictRetryInterceptor.isConflict(new PersistenceException(contention)));
    assertTrue(
        ConflictRetryInterceptor.isConflict(
            new RuntimeException(new PersistenceException("flush", deadlock))));
  }

  @Test
  void otherFailuresAreNot() {
    assertFalse(
        ConflictRetryInterceptor.isConflict(
            new PersistenceException(new SQLException("duplicate key", "23505"))));
    assertFalse(ConflictRetryInterceptor.isConflict(new SQLException("no state")));
    assertFalse(ConflictRetryInterceptor.isConflict(new IllegalStateException("not SQL")));
  }

  @Test
  void aMethodThatStartsATransactionOfItsOwnIsRetriedEvenInsideAnother() throws Exception {
    assertTrue(
        ConflictRetryInterceptor.startsItsOwn(OwnTransactions.class.getDeclaredMethod("write")));
    assertFalse(
        ConflictRetryInterceptor.startsItsOwn(JoinedTransactions.class.getDeclaredMethod("write")));
    assertTrue(
        ConflictRetryInterceptor.startsItsOwn(
            JoinedTransactions.class.getDeclaredMethod("writeAlone")));
  }

  @Transactional(TxType.REQUIRES_NEW)
  static class OwnTransactions {
    void write() {}
  }

  @Transactional
  static class JoinedTransactions {
    void write() {}

    @Transactional(TxType.REQUIRES_NEW)
    void writeAlone() {}
  }
}
