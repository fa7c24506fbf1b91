package ai.fromscratch.platform;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Runs a transactional method again, a few times after short random pauses, when the database
 * rolled its transaction back for a conflict with another transaction: SQL state class 40, such as
 * Derby's lock timeouts ("too much contention" on an identity column when many first inserts
 * compete) or PostgreSQL's deadlocks and serialization failures. The whole transaction was undone,
 * so doing it again is safe. It wraps the transaction (a lower priority than @Transactional's) and
 * retries only a transaction of its own (none was running, or the method asks for a new one): a
 * caller's transaction is spoiled by the rollback.
 */
@RetriedOnConflict
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class ConflictRetryInterceptor implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(ConflictRetryInterceptor.class.getName());
  static final int ATTEMPTS = 4;

  @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
  transient TransactionSynchronizationRegistry transactions;

  @AroundInvoke
  Object retry(InvocationContext invocation) throws Exception {
    if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION
        && !startsItsOwn(invocation.getMethod())) {
      return invocation.proceed();
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return invocation.proceed();
      } catch (RuntimeException e) {
        if (attempt == ATTEMPTS || !isConflict(e)) {
          throw e;
        }
        int failed = attempt;
        LOG.fine(() -> invocation.getMethod() + " met a conflict, attempt " + failed + ": " + e);
        Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25L << attempt));
      }
    }
  }

  static boolean startsItsOwn(Method method) {
    Transactional transactional = method.getAnnotation(Transactional.class);
    if (transactional == null) {
      transactional = method.getDeclaringClass().getAnnotation(Transactional.class);
    }
    return transactional != null && transactional.value() == TxType.REQUIRES_NEW;
  }

  /** Whether the failure is a transaction rollback the database chose (SQL state class 40). */
  static boolean isConflict(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("40")) {
        return true;
      }
    }
    return false;
  }
}
