package ai.fromscratch.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.JpaDatabase;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The races between a job's batch thread, the stop and restart requests and the recovery, made to
 * happen on purpose on a real Derby: whichever order the writes arrive in, an ended job stays
 * ended.
 */
class TrainingJobStoreTest {
  private static JpaDatabase db;

  @BeforeAll
  static void database() {
    db = JpaDatabase.inMemory("training-jobs");
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void aStopThatArrivesAfterTheJobEndedLeavesItEnded() {
    long id = runningJob();
    assertTrue(holds(jobs -> jobs.ended(id, JobState.STOPPED, null)));
    Instant endedAt = job(id).getEndedAt();

    assertFalse(holds(jobs -> jobs.stopping(id)));

    assertEquals(JobState.STOPPED, job(id).getState());
    assertEquals(endedAt, job(id).getEndedAt());
  }

  @Test
  void aStopCheckedBeforeTheEndButWrittenAfterItChangesNothing() {
    long id = runningJob();
    // The request reads the job as running, then the batch thread ends it before the request
    // writes: the order in which the old code left the job "stopping" for ever.
    TrainingJob seenByTheRequest = job(id);
    assertTrue(seenByTheRequest.getState().isActive());
    call(jobs -> jobs.ended(id, JobState.STOPPED, null));

    assertFalse(holds(jobs -> jobs.stopping(id)));

    assertEquals(JobState.STOPPED, job(id).getState());
    assertTrue(
        call(jobs -> jobs.activeOfKind(JobKind.NGRAM)).stream().noneMatch(j -> j.getId() == id));
  }

  @Test
  void progressThatArrivesAfterTheEndChangesNothing() {
    long id = runningJob();
    call(jobs -> run(() -> jobs.step(id, "estimate", 100)));
    call(jobs -> run(() -> jobs.progress(id, 40, 100)));
    call(jobs -> jobs.ended(id, JobState.COMPLETED, null));

    call(jobs -> run(() -> jobs.progress(id, 90, 100)));
    call(jobs -> run(() -> jobs.step(id, "activate", 0)));
    call(jobs -> run(() -> jobs.result(id, "{\"late\":true}")));
    call(jobs -> run(() -> jobs.error(id, "late failure")));
    call(jobs -> run(() -> jobs.running(id, 99)));

    TrainingJob job = job(id);
    assertEquals(JobState.COMPLETED, job.getState());
    assertEquals("estimate", job.getStep());
    assertEquals(40, job.getItemsDone());
    assertNull(job.getResult());
    assertNull(job.getError());
    assertEquals(7L, job.getExecutionId());
  }

  @Test
  void aJobEndedWhileStoppingBecomesStopped() {
    long id = runningJob();
    assertTrue(holds(jobs -> jobs.stopping(id)));

    assertTrue(holds(jobs -> jobs.ended(id, JobState.STOPPED, null)));

    TrainingJob job = job(id);
    assertEquals(JobState.STOPPED, job.getState());
    assertNotNull(job.getEndedAt());
    assertTrue(job.getState().isRestartable());
  }

  @Test
  void anEndThatWaitsForAStopInProgressStillEndsTheJob() throws Exception {
    long id = runningJob();
    CompletableFuture<Boolean> end;
    try (JpaDatabase.Open stop = db.begin()) {
      assertTrue(store(stop.entityManager()).stopping(id));
      // The batch thread ends the job while the stop's transaction holds the row.
      end =
          CompletableFuture.supplyAsync(() -> call(jobs -> jobs.ended(id, JobState.STOPPED, null)));
      Thread.sleep(300);
      assertFalse(end.isDone(), "the end waits for the stop's transaction");
      stop.commit();
    }

    assertTrue(end.get(30, TimeUnit.SECONDS));
    assertEquals(JobState.STOPPED, job(id).getState());
  }

  @Test
  void aStopAskedBeforeTheExecutionBeganIsNotUndoneByItsStart() {
    long id = call(jobs -> jobs.create(JobKind.NGRAM, "{}")).getId();
    call(jobs -> run(() -> jobs.submitted(id, 3)));
    assertTrue(holds(jobs -> jobs.stopping(id)));

    call(jobs -> run(() -> jobs.running(id, 3)));

    TrainingJob job = job(id);
    assertEquals(JobState.STOPPING, job.getState());
    assertNotNull(job.getRunStartedAt());
  }

  @Test
  void onlyTheFirstEndCountsAndItsRunTimeOnce() throws Exception {
    long id = runningJob();
    Thread.sleep(50);
    assertTrue(holds(jobs -> jobs.ended(id, JobState.FAILED, "the step failed")));
    double ran = job(id).getRunSeconds();

    assertFalse(holds(jobs -> jobs.ended(id, JobState.COMPLETED, null)));

    TrainingJob job = job(id);
    assertEquals(JobState.FAILED, job.getState());
    assertEquals("the step failed", job.getError());
    assertEquals(ran, job.getRunSeconds());
    assertTrue(ran > 0);
  }

  @Test
  void onlyAnEndedJobIsRestartedAndTheRestartClearsItsEnd() {
    long id = runningJob();
    assertFalse(holds(jobs -> jobs.restarting(id)));
    call(jobs -> jobs.ended(id, JobState.FAILED, "interrupted"));

    assertTrue(holds(jobs -> jobs.restarting(id)));
    assertFalse(holds(jobs -> jobs.restarting(id)));

    TrainingJob job = job(id);
    assertEquals(JobState.STARTING, job.getState());
    assertNull(job.getEndedAt());
    assertNull(job.getError());
  }

  @Test
  void aLongErrorIsCutToItsColumn() {
    long id = runningJob();
    call(jobs -> jobs.ended(id, JobState.FAILED, "x".repeat(5000)));

    assertEquals(2000, job(id).getError().length());
  }

  private static long runningJob() {
    long id = call(jobs -> jobs.create(JobKind.NGRAM, "{}")).getId();
    call(jobs -> run(() -> jobs.submitted(id, 7)));
    call(jobs -> run(() -> jobs.running(id, 7)));
    assertEquals(JobState.RUNNING, job(id).getState());
    return id;
  }

  private static TrainingJob job(long id) {
    return call(jobs -> jobs.find(id).orElseThrow());
  }

  private static boolean holds(Predicate<TrainingJobStore> method) {
    return call(method::test);
  }

  private static <T> T call(Function<TrainingJobStore, T> method) {
    return db.inTransaction(em -> method.apply(store(em)));
  }

  private static TrainingJobStore store(EntityManager em) {
    TrainingJobStore store = new TrainingJobStore();
    store.em = em;
    return store;
  }

  private static Void run(Runnable write) {
    write.run();
    return null;
  }
}
