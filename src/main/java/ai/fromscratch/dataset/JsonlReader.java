package ai.fromscratch.dataset;

import ai.fromscratch.platform.BoundedJson;
import ai.fromscratch.platform.BoundedLineReader;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads JSON Lines: one record a line. Each line is decoded and parsed on its own, so a bad line
 * (not UTF-8, malformed, too long, not a known schema) is reported and the next lines still count.
 */
final class JsonlReader {

  private final int maxRecordChars;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  JsonlReader(int maxRecordChars) {
    this.maxRecordChars = maxRecordChars;
  }

  void read(InputStream in, String prefix, RecordSink sink) throws IOException {
    // UTF-8 takes at most 4 bytes a character; longer lines are refused without decoding them.
    BoundedLineReader lines = new BoundedLineReader(in, 4 * maxRecordChars + 4);
    while (lines.next()) {
      String location = prefix + "line " + lines.lineNumber();
      if (lines.overLong()) {
        sink.reject(new Rejection(location, tooLong()));
        continue;
      }
      int start = lines.lineNumber() == 1 ? bomLength(lines.bytes(), lines.length()) : 0;
      String text = decode(lines.bytes(), start, lines.length(), location, sink);
      if (text == null || text.isBlank()) {
        continue;
      }
      if (text.length() > maxRecordChars) {
        sink.reject(new Rejection(location, tooLong()));
        continue;
      }
      record(text.strip(), location, sink);
    }
  }

  private String tooLong() {
    return "the record is longer than the limit of "
        + String.format("%,d", maxRecordChars)
        + " characters (MAX_RECORD_CHARS)";
  }

  private void record(String text, String location, RecordSink sink) {
    JsonValue value;
    try {
      value = BoundedJson.read(new StringReader(text));
    } catch (JsonParsingException e) {
      sink.reject(
          new Rejection(
              location + ", column " + e.getLocation().getColumnNumber(),
              "malformed JSON: " + JsonMessages.withoutLocation(e.getMessage())));
      return;
    }
    if (!(value instanceof JsonObject object)) {
      sink.reject(
          new Rejection(
              location, "a record must be a JSON object, not " + JsonMessages.describe(value)));
      return;
    }
    try {
      RecordSchema.Normalized normalized = RecordSchema.normalize(object);
      sink.accept(new ParsedRecord(location, normalized.schema(), normalized.turns(), text));
    } catch (RecordRejectedException e) {
      sink.reject(new Rejection(location, e.getMessage()));
    }
  }

  private String decode(byte[] bytes, int start, int end, String location, RecordSink sink) {
    decoder.reset();
    ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
    CharBuffer out = CharBuffer.allocate(end - start);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      sink.reject(
          new Rejection(
              location,
              String.format(
                  "not UTF-8 text: byte 0x%02X at byte %d of the line; save the file as UTF-8",
                  bytes[offset] & 0xFF, offset - start + 1)));
      return null;
    }
    decoder.flush(out);
    return out.flip().toString();
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
