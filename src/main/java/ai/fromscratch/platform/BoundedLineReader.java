package ai.fromscratch.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a stream line by line as bytes, never holding more than {@code maxLineBytes} of one line: a
 * longer line is skipped to its end and reported as such, so one huge line cannot exhaust the heap.
 */
public final class BoundedLineReader {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] line = new byte[1024];
  private int lineLength;
  private boolean overLong;
  private long lineNumber;

  public BoundedLineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Reads the next line; false at the end of the stream. */
  public boolean next() throws IOException {
    lineLength = 0;
    overLong = false;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (any) {
            lineNumber++;
          }
          return any;
        }
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      append(start, position);
      if (position < limit) {
        position++;
        lineNumber++;
        return true;
      }
    }
  }

  private void append(int from, int to) {
    int count = to - from;
    if (overLong || count == 0) {
      return;
    }
    if (lineLength + count > maxLineBytes) {
      overLong = true;
      return;
    }
    if (lineLength + count > line.length) {
      line =
          Arrays.copyOf(
              line, Math.max(lineLength + count, Math.min(line.length * 2, maxLineBytes)));
    }
    System.arraycopy(buffer, from, line, lineLength, count);
    lineLength += count;
  }

  /** 1-based number of the current line. */
  public long lineNumber() {
    return lineNumber;
  }

  /** Whether the current line was longer than the limit (its bytes are then not kept). */
  public boolean overLong() {
    return overLong;
  }

  public byte[] bytes() {
    return line;
  }

  /** Length of the current line without its line break. */
  public int length() {
    return lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
  }

  /** The current line as text (UTF-8, malformed bytes replaced). */
  public String text() {
    return new String(line, 0, length(), StandardCharsets.UTF_8);
  }
}
