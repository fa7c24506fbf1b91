package ai.fromscratch.dataset;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Counts the characters a streaming JSON parser pulls and stops it when one record runs past the
 * limit, so a single giant value cannot fill the heap. The parser reads ahead in blocks, hence the
 * slack.
 */
final class RecordSizeGuard extends FilterReader {
  private static final int PARSER_READ_AHEAD = 1 << 16;

  private final long maxRecordChars;
  private long consumed;
  private long recordStart;

  RecordSizeGuard(Reader in, long maxRecordChars) {
    super(in);
    this.maxRecordChars = maxRecordChars;
  }

  /** Marks where the next record begins (approximately: the parser's position lags its reads). */
  void startRecord() {
    recordStart = consumed;
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c >= 0) {
      count(1);
    }
    return c;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(int n) {
    consumed += n;
    if (consumed - recordStart > maxRecordChars + PARSER_READ_AHEAD) {
      throw new RecordTooLargeException();
    }
  }

  /** Thrown from inside the parser's reads when a record is too long. */
  static final class RecordTooLargeException extends RuntimeException {
    RecordTooLargeException() {
      super(null, null, false, false);
    }
  }
}
