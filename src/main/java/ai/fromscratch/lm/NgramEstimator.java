package ai.fromscratch.lm;

import java.io.IOException;
import java.nio.file.Path;

/** Estimates an interpolated modified Kneser-Ney model as lmplz does, in memory or on disk. */
public interface NgramEstimator {
  /** Estimates from sentences of tokens, read once in one pass. */
  EstimationResult estimate(Iterable<String[]> sentences, ProgressListener progress)
      throws IOException;

  /** Estimates from a file of space-separated tokens, one sentence a line (gzipped or not). */
  EstimationResult estimatePretokenized(Path file, ProgressListener progress) throws IOException;
}
