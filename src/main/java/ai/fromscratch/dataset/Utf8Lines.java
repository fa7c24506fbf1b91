package ai.fromscratch.dataset;

import ai.fromscratch.platform.BoundedLineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of an upload as strict UTF-8 text (a byte order mark dropped), never holding more of a
 * line than {@code maxChars} characters can take: a longer line is skipped and reported as such.
 */
final class Utf8Lines {
  private final BoundedLineReader lines;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private String notUtf8;

  Utf8Lines(InputStream in, int maxChars) {
    // UTF-8 takes at most 4 bytes a character; longer lines are refused without decoding them.
    this.lines = new BoundedLineReader(in, 4 * maxChars + 4);
  }

  /** Moves to the next line; false at the end. */
  boolean next() throws IOException {
    return lines.next();
  }

  /** 1-based number of the current line. */
  long number() {
    return lines.lineNumber();
  }

  /** Whether the current line was too long to read. */
  boolean overLong() {
    return lines.overLong();
  }

  /** The current line, or null when it is not UTF-8 ({@link #notUtf8()} says where). */
  String text() {
    byte[] bytes = lines.bytes();
    int start = number() == 1 ? bomLength(bytes, lines.length()) : 0;
    decoder.reset();
    ByteBuffer in = ByteBuffer.wrap(bytes, start, lines.length() - start);
    CharBuffer out = CharBuffer.allocate(lines.length() - start);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      notUtf8 =
          String.format(
              "not UTF-8 text: byte 0x%02X at byte %d of the line; save the file as UTF-8",
              bytes[offset] & 0xFF, offset - start + 1);
      return null;
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /** Which byte of the current line is not UTF-8, after {@link #text()} returned null. */
  String notUtf8() {
    return notUtf8;
  }

  private static int bomLength(byte[] bytes, int length) {
    return length >= 3
            && (bytes[0] & 0xFF) == 0xEF
            && (bytes[1] & 0xFF) == 0xBB
            && (bytes[2] & 0xFF) == 0xBF
        ? 3
        : 0;
  }
}
