package ai.fromscratch.lm;

/** Receives progress of a long task: a phase name, work done, and total work (-1 if unknown). */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (phase, done, total) -> {};

  void progress(String phase, long done, long total);
}
