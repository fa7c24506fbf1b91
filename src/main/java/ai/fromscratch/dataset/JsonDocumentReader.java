package ai.fromscratch.dataset;

import ai.fromscratch.platform.BoundedJson;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON document record by record with a streaming parser: an array of records, an object
 * holding arrays of records (such as {@code {"data": [...]}}), or one record. Memory holds one
 * record at a time. A syntax error (a file cut short, say) refuses the whole document with a 422
 * that says where, unless the upload asked to keep what came before it.
 */
final class JsonDocumentReader {
  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  /** Keys whose list is part of one record rather than a list of records. */
  private static final Set<String> RECORD_LISTS = Set.of("messages", "conversations");

  private final int maxRecordChars;
  private final boolean keepPartial;

  JsonDocumentReader(int maxRecordChars, boolean keepPartial) {
    this.maxRecordChars = maxRecordChars;
    this.keepPartial = keepPartial;
  }

  void read(InputStream in, String prefix, RecordSink sink) throws IOException {
    InputStreamReader decoder =
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    RecordSizeGuard guard = new RecordSizeGuard(decoder, maxRecordChars);
    Session session = new Session(prefix, sink, guard);
    try (JsonParser parser = PARSERS.createParser(guard)) {
      session.document(parser);
    } catch (JsonParsingException e) {
      String reason = "malformed JSON: " + JsonMessages.withoutLocation(e.getMessage());
      if (!keepPartial) {
        throw session.refusal(e.getLocation(), reason);
      }
      session.stop(e.getLocation(), reason);
    } catch (JsonException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        session.stop(null, "not UTF-8 text; save the file as UTF-8");
      } else if (e.getCause() instanceof IOException failedRead) {
        // The parser wraps what the stream threw (a damaged ZIP entry, say): give it back as is.
        throw failedRead;
      } else {
        throw e;
      }
    } catch (RecordSizeGuard.RecordTooLargeException e) {
      session.stop(
          null,
          "a record is longer than the limit of "
              + String.format("%,d", maxRecordChars)
              + " characters (MAX_RECORD_CHARS)");
    }
  }

  /** The state of one document's reading. */
  private final class Session {
    private final String prefix;
    private final RecordSink sink;
    private final RecordSizeGuard guard;
    private long records;
    private long completed;
    private JsonLocation recordLocation;

    Session(String prefix, RecordSink sink, RecordSizeGuard guard) {
      this.prefix = prefix;
      this.sink = sink;
      this.guard = guard;
    }

    void document(JsonParser parser) {
      Event first = parser.next();
      if (first == Event.START_ARRAY) {
        records(parser, "");
      } else if (first == Event.START_OBJECT) {
        object(parser);
      } else {
        throw UploadRefusedException.unusable(
            "the JSON file must hold a list of records or an object, not a single value");
      }
      if (parser.hasNext()) {
        parser.next();
        stop(parser.getLocation(), "unexpected content after the end of the JSON document");
      }
    }

    /** Reads the elements of a list of records, up to its end. */
    private void records(JsonParser parser, String listName) {
      while (true) {
        Event event = parser.next();
        if (event == Event.END_ARRAY) {
          return;
        }
        records++;
        recordLocation = parser.getLocation();
        guard.startRecord();
        String location = location(listName);
        JsonValue value = BoundedJson.value(parser, event);
        if (value instanceof JsonObject object) {
          record(object, location);
        } else {
          sink.reject(
              new Rejection(
                  location, "a record must be a JSON object, not " + JsonMessages.describe(value)));
        }
        completed++;
      }
    }

    /** A top-level object: lists in it are lists of records, or else it is one record. */
    private void object(JsonParser parser) {
      JsonObjectBuilder fields = Json.createObjectBuilder();
      boolean heldRecords = false;
      while (parser.next() == Event.KEY_NAME) {
        String key = parser.getString();
        Event value = parser.next();
        if (value == Event.START_ARRAY && !RECORD_LISTS.contains(key)) {
          heldRecords = true;
          records(parser, key);
        } else {
          guard.startRecord();
          fields.add(key, BoundedJson.value(parser, value));
        }
      }
      if (!heldRecords) {
        records++;
        record(fields.build(), prefix.isEmpty() ? "the record" : prefix + "the record");
      }
    }

    private void record(JsonObject object, String location) {
      String original = object.toString();
      if (original.length() > maxRecordChars) {
        sink.reject(
            new Rejection(
                location,
                "the record is longer than the limit of "
                    + String.format("%,d", maxRecordChars)
                    + " characters (MAX_RECORD_CHARS)"));
        return;
      }
      try {
        RecordSchema.Normalized normalized = RecordSchema.normalize(object);
        sink.accept(new ParsedRecord(location, normalized.schema(), normalized.turns(), original));
      } catch (RecordRejectedException e) {
        sink.reject(new Rejection(location, e.getMessage()));
      }
    }

    private String location(String listName) {
      String record = listName.isEmpty() ? "record " + records : listName + " record " + records;
      return prefix + record + " (line " + recordLocation.getLineNumber() + ")";
    }

    /** Reports why reading stopped early. */
    void stop(JsonLocation at, String reason) {
      sink.reject(
          new Rejection(prefix + where(at), reason + "; the rest of the file was not read"));
    }

    /** The whole document refused: it breaks off at {@code at}. */
    UploadRefusedException refusal(JsonLocation at, String reason) {
      return new UploadRefusedException(
          422,
          "The JSON document breaks off at "
              + prefix
              + where(at)
              + " ("
              + reason
              + "): nothing was imported. Upload the whole file, or upload it with partial=true"
              + " to keep the "
              + completed
              + " records before that point",
          java.util.Map.of("records_before", completed, "at", prefix + where(at)));
    }

    private String where(JsonLocation at) {
      return at == null
          ? (records == 0 ? "the file" : "after record " + records)
          : "line " + at.getLineNumber() + ", column " + at.getColumnNumber();
    }
  }
}
