package ai.fromscratch.synth;

/** Where a synthesis run is. */
public enum SynthState {
  RUNNING,
  COMPLETED,
  CANCELLED,
  FAILED;

  public boolean finished() {
    return this != RUNNING;
  }
}
