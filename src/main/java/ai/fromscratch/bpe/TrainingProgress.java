package ai.fromscratch.bpe;

/** Receives the progress of BPE training: merges learned so far and the most it will learn. */
@FunctionalInterface
public interface TrainingProgress {
  TrainingProgress NONE = (done, total) -> {};

  void merges(int done, int total);
}
