package ai.fromscratch.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.JpaDatabase;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A synthesis run is written by its worker, by cancel requests and by the recovery after a restore:
 * on a real Derby, in the orders that race, the first end is the one that counts.
 */
class SynthStoreTest {
  private static JpaDatabase db;

  @BeforeAll
  static void database() {
    db = JpaDatabase.inMemory("synth-runs");
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void progressThatArrivesAfterTheEndChangesNothing() {
    long id = runningRun();
    call(store -> run(() -> store.progress(id, 3, 0, 1, 2)));
    assertTrue(holds(store -> store.finish(id, SynthState.COMPLETED, null, 42L)));

    call(store -> run(() -> store.progress(id, 9, 9, 9, 9)));

    SynthRun run = run(id);
    assertEquals(SynthState.COMPLETED, run.getState());
    assertEquals(3, run.getPairs());
    assertEquals(2, run.getRequests());
  }

  @Test
  void aCancelThatArrivesAfterTheEndIsRefusedAndLeavesTheRunAsItEnded() {
    long id = runningRun();
    call(store -> store.finish(id, SynthState.COMPLETED, null, 42L));

    assertFalse(holds(store -> store.requestCancel(id)));

    assertFalse(run(id).isCancelRequested());
    assertEquals(SynthState.COMPLETED, run(id).getState());
  }

  @Test
  void theFirstEndCountsWhenTheRecoveryAndTheWorkerBothEndARun() {
    long id = runningRun();
    assertTrue(holds(store -> store.finish(id, SynthState.FAILED, "interrupted by a restore", 5L)));

    assertFalse(holds(store -> store.finish(id, SynthState.COMPLETED, null, 6L)));

    SynthRun run = run(id);
    assertEquals(SynthState.FAILED, run.getState());
    assertEquals("interrupted by a restore", run.getError());
    assertEquals(5L, run.getDatasetId());
  }

  @Test
  void aWorkerStopsAskingOnceItsRunWasEndedElsewhere() {
    long id = runningRun();
    assertFalse(holds(store -> store.stopRequested(id)));

    call(store -> store.finish(id, SynthState.FAILED, "interrupted", null));

    assertTrue(holds(store -> store.stopRequested(id)));
  }

  @Test
  void aCancelledRunEndsCancelled() {
    long id = runningRun();
    assertTrue(holds(store -> store.requestCancel(id)));
    assertTrue(holds(store -> store.stopRequested(id)));

    assertTrue(holds(store -> store.finish(id, SynthState.CANCELLED, null, null)));

    assertEquals(SynthState.CANCELLED, run(id).getState());
    assertNull(run(id).getDatasetId());
  }

  private static long runningRun() {
    SynthRequest request =
        new SynthRequest("routers", 10, 0.7, 5, List.of(new QaPair("What is a router?", "A box.")));
    return call(store -> store.create(request, "test-model")).getId();
  }

  private static SynthRun run(long id) {
    return call(store -> store.find(id).orElseThrow());
  }

  private static boolean holds(Predicate<SynthStore> method) {
    return call(method::test);
  }

  private static <T> T call(Function<SynthStore, T> method) {
    return db.inTransaction(em -> method.apply(store(em)));
  }

  private static SynthStore store(EntityManager em) {
    SynthStore store = new SynthStore();
    store.em = em;
    return store;
  }

  private static Void run(Runnable write) {
    write.run();
    return null;
  }
}
