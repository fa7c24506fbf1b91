package ai.fromscratch.platform;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Builds JSON values from a streaming parser without recursion, refusing values nested deeper than
 * {@link #MAX_DEPTH}. The standard readers recurse once per level, so a body of a million {@code [}
 * overflows the stack of the thread reading it; here it is malformed JSON like any other.
 */
public final class BoundedJson {
  /** Far deeper than any dataset record or API body nests. */
  public static final int MAX_DEPTH = 64;

  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  private BoundedJson() {}

  /** Reads a whole document: one value and nothing after it. */
  public static JsonValue read(Reader in) {
    try (JsonParser parser = PARSERS.createParser(in)) {
      return whole(parser);
    }
  }

  private static JsonValue whole(JsonParser parser) {
    if (!parser.hasNext()) {
      throw new JsonParsingException("The JSON document is empty", parser.getLocation());
    }
    JsonValue value = value(parser, parser.next());
    if (parser.hasNext()) {
      parser.next();
      throw new JsonParsingException(
          "Unexpected content after the end of the JSON value", parser.getLocation());
    }
    return value;
  }

  /** Reads the value that begins with {@code first}, the event the parser has just returned. */
  public static JsonValue value(JsonParser parser, Event first) {
    Deque<Container> open = new ArrayDeque<>();
    Event event = first;
    while (true) {
      JsonValue done;
      switch (event) {
        case START_OBJECT, START_ARRAY -> {
          if (open.size() == MAX_DEPTH) {
            throw new JsonParsingException(
                "JSON nested more than " + MAX_DEPTH + " levels deep", parser.getLocation());
          }
          open.push(new Container(event == Event.START_OBJECT));
          event = parser.next();
          continue;
        }
        case KEY_NAME -> {
          open.peek().key = parser.getString();
          event = parser.next();
          continue;
        }
        case END_OBJECT, END_ARRAY -> done = open.pop().build();
        default -> done = parser.getValue();
      }
      if (open.isEmpty()) {
        return done;
      }
      open.peek().add(done);
      event = parser.next();
    }
  }

  /** An object or array being built, with the key of the object's next member. */
  private static final class Container {
    private final JsonObjectBuilder object;
    private final JsonArrayBuilder array;
    private String key;

    Container(boolean isObject) {
      object = isObject ? Json.createObjectBuilder() : null;
      array = isObject ? null : Json.createArrayBuilder();
    }

    void add(JsonValue value) {
      if (object != null) {
        object.add(key, value);
      } else {
        array.add(value);
      }
    }

    JsonValue build() {
      return object != null ? object.build() : array.build();
    }
  }
}
