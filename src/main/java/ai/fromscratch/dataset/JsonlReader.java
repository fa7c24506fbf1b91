package ai.fromscratch.dataset;

import ai.fromscratch.platform.BoundedJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;

/**
 * Reads JSON Lines: one record a line. Each line is decoded and parsed on its own, so a bad line
 * (not UTF-8, malformed, too long, not a known schema) is reported and the next lines still count.
 */
final class JsonlReader {

  private final int maxRecordChars;

  JsonlReader(int maxRecordChars) {
    this.maxRecordChars = maxRecordChars;
  }

  void read(InputStream in, String prefix, RecordSink sink) throws IOException {
    Utf8Lines lines = new Utf8Lines(in, maxRecordChars);
    while (lines.next()) {
      String location = prefix + "line " + lines.number();
      if (lines.overLong()) {
        sink.reject(new Rejection(location, tooLong()));
        continue;
      }
      String text = lines.text();
      if (text == null) {
        sink.reject(new Rejection(location, lines.notUtf8()));
        continue;
      }
      if (text.isBlank()) {
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
}
