package ai.fromscratch.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The size of a job's corpus file as the estimator sees it, counted in one streaming pass. */
final class CorpusSize {
  private static final int BUFFER = 1 << 16;

  private CorpusSize() {}

  /** Tokens (runs of non-space bytes) plus the two markers each line (sentence) gets. */
  static long ids(Path corpus) throws IOException {
    long tokens = 0;
    long lines = 0;
    boolean inToken = false;
    boolean lineOpen = false;
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(corpus)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        for (int i = 0; i < read; i++) {
          byte b = buffer[i];
          boolean space = b == ' ' || b == '\t' || b == '\r' || b == '\n';
          if (!space && !inToken) {
            tokens++;
          }
          inToken = !space;
          if (b == '\n') {
            lines++;
            lineOpen = false;
          } else {
            lineOpen = true;
          }
        }
      }
    }
    return tokens + 2 * (lines + (lineOpen ? 1 : 0));
  }
}
