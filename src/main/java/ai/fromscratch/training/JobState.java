package ai.fromscratch.training;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a training job stands. A job moves only forward (STARTING, RUNNING, STOPPING, then one of
 * the ends), except that a restart takes an ended job back to STARTING: a write that arrives late
 * from another thread can never bring an ended job back to life.
 */
public enum JobState {
  STARTING,
  RUNNING,
  STOPPING,
  STOPPED,
  COMPLETED,
  FAILED;

  static final Set<JobState> ACTIVE = EnumSet.of(STARTING, RUNNING, STOPPING);

  /** Whether the job still holds its slot (a second n-gram job is refused meanwhile). */
  public boolean isActive() {
    return ACTIVE.contains(this);
  }

  /** Whether the job can be restarted from its last checkpoint. */
  public boolean isRestartable() {
    return this == STOPPED || this == FAILED;
  }

  /** The states a job may be in when it moves to this one. */
  Set<JobState> reachedFrom() {
    return switch (this) {
      case STARTING -> EnumSet.of(STOPPED, FAILED);
      case RUNNING -> EnumSet.of(STARTING);
      case STOPPING -> EnumSet.of(STARTING, RUNNING);
      case STOPPED, COMPLETED, FAILED -> ACTIVE;
    };
  }
}
