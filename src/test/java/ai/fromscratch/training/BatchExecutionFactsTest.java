package ai.fromscratch.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.batch.runtime.BatchStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchExecutionFactsTest {
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  private static final Instant LONG_AGO = NOW.minus(Duration.ofMinutes(5));

  @Test
  void aJobWhoseExecutionRunsIsNotLostHoweverLongItTakes() {
    for (BatchStatus running :
        new BatchStatus[] {BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING}) {
      assertEquals(
          Optional.empty(),
          new BatchExecutionFacts(running, LONG_AGO).lostJobEnd(NOW),
          running.name());
    }
  }

  @Test
  void anExecutionThatJustEndedStillHasTimeToRecordItsEnd() {
    BatchExecutionFacts facts = new BatchExecutionFacts(BatchStatus.STOPPED, NOW.minusSeconds(5));

    assertEquals(Optional.empty(), facts.lostJobEnd(NOW));
  }

  @Test
  void anExecutionThatEndedLongAgoWithoutRecordingItFailsTheJobWithAReasonToRestart() {
    BatchExecutionFacts facts = new BatchExecutionFacts(BatchStatus.STOPPED, LONG_AGO);

    assertEquals(Optional.of(JobState.FAILED), facts.lostJobEnd(NOW));
    assertTrue(facts.reason().contains("STOPPED"), facts.reason());
    assertTrue(facts.reason().contains("restart"), facts.reason());
    assertTrue(JobState.FAILED.isRestartable());
  }

  @Test
  void aCompletedExecutionCompletesTheJobForItsModelIsActive() {
    BatchExecutionFacts facts = new BatchExecutionFacts(BatchStatus.COMPLETED, LONG_AGO);

    assertEquals(Optional.of(JobState.COMPLETED), facts.lostJobEnd(NOW));
    assertNull(facts.reason());
  }

  @Test
  void aJobNoExecutionCarriesFails() {
    BatchExecutionFacts facts = new BatchExecutionFacts(null, LONG_AGO);

    assertEquals(Optional.of(JobState.FAILED), facts.lostJobEnd(NOW));
    assertTrue(facts.reason().startsWith("No batch execution"), facts.reason());
  }
}
