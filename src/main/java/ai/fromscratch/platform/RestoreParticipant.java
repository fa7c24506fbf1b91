package ai.fromscratch.platform;

import java.util.Optional;

/**
 * A capability that a restore concerns: it may hold a restore off while its work runs, and it is
 * told when the tables and files were replaced. The backup capability asks every participant and
 * knows none of them.
 */
public interface RestoreParticipant {
  /** The error of work that the restored tables show as running: it was cut off by the backup. */
  String INTERRUPTED = "The backup was taken while this ran; it was restored as interrupted";

  /** Why a restore must wait now (this capability's work is running), if it must. */
  default Optional<String> busyReason() {
    return Optional.empty();
  }

  /** After the restore: ends the work the backup caught running, or reloads what was replaced. */
  void afterRestore();

  /**
   * When {@link #afterRestore()} runs among the participants: ending restored work (0) comes before
   * reloading models and indexes (1), so no request sees a restored job as still running.
   */
  default int order() {
    return 0;
  }
}
