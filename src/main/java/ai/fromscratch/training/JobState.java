package ai.fromscratch.training;

/** Where a training job stands. */
public enum JobState {
  STARTING,
  RUNNING,
  STOPPING,
  STOPPED,
  COMPLETED,
  FAILED;

  /** Whether the job still holds its slot (a second n-gram job is refused meanwhile). */
  public boolean isActive() {
    return this == STARTING || this == RUNNING || this == STOPPING;
  }

  /** Whether the job can be restarted from its last checkpoint. */
  public boolean isRestartable() {
    return this == STOPPED || this == FAILED;
  }
}
