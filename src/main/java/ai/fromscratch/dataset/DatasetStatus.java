package ai.fromscratch.dataset;

/** A dataset is visible only once all its records are stored. */
public enum DatasetStatus {
  /** Records are being written; invisible, and removed at start-up if a crash interrupted it. */
  IMPORTING,
  READY
}
