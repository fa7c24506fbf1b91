package ai.fromscratch.training;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JobStateTest {
  @Test
  void noStateLeadsFromAnEndBackToAnActiveStateButARestart() {
    for (JobState to : JobState.values()) {
      for (JobState from : to.reachedFrom()) {
        boolean backwards = !from.isActive() && to.isActive();
        assertTrue(
            !backwards || (to == JobState.STARTING && from.isRestartable()), from + " -> " + to);
      }
    }
  }

  @Test
  void stoppingIsReachedOnlyFromAJobThatHasNotEnded() {
    assertTrue(JobState.STOPPING.reachedFrom().contains(JobState.RUNNING));
    assertTrue(JobState.STOPPING.reachedFrom().contains(JobState.STARTING));
    assertFalse(JobState.STOPPING.reachedFrom().contains(JobState.STOPPED));
    assertFalse(JobState.STOPPING.reachedFrom().contains(JobState.COMPLETED));
    assertFalse(JobState.RUNNING.reachedFrom().contains(JobState.STOPPING));
  }
}
