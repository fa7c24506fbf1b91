package ai.fromscratch.platform;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.io.StringReader;
import java.util.AbstractMap;
import java.util.Set;

/**
 * A JSON object read from the text a table stores, which serializes as that text: a record that
 * holds one can sit in a page's state, which lives in the HTTP session the instances share.
 */
public final class StoredJsonObject extends AbstractMap<String, JsonValue>
    implements JsonObject, Serializable {
  private static final long serialVersionUID = 1L;

  private final String text;
  private final transient JsonObject object;

  private StoredJsonObject(String text) {
    this.text = text;
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      this.object = reader.readObject();
    }
  }

  /** The object the text holds; a {@link jakarta.json.JsonException} when it holds none. */
  public static StoredJsonObject parse(String text) {
    return new StoredJsonObject(text);
  }

  private Object readResolve() {
    return new StoredJsonObject(text);
  }

  @Override
  public Set<Entry<String, JsonValue>> entrySet() {
    return object.entrySet();
  }

  @Override
  public JsonValue get(Object key) {
    return object.get(key);
  }

  @Override
  public JsonArray getJsonArray(String name) {
    return object.getJsonArray(name);
  }

  @Override
  public JsonObject getJsonObject(String name) {
    return object.getJsonObject(name);
  }

  @Override
  public JsonNumber getJsonNumber(String name) {
    return object.getJsonNumber(name);
  }

  @Override
  public JsonString getJsonString(String name) {
    return object.getJsonString(name);
  }

  @Override
  public String getString(String name) {
    return object.getString(name);
  }

  @Override
  public String getString(String name, String defaultValue) {
    return object.getString(name, defaultValue);
  }

  @Override
  public int getInt(String name) {
    return object.getInt(name);
  }

  @Override
  public int getInt(String name, int defaultValue) {
    return object.getInt(name, defaultValue);
  }

  @Override
  public boolean getBoolean(String name) {
    return object.getBoolean(name);
  }

  @Override
  public boolean getBoolean(String name, boolean defaultValue) {
    return object.getBoolean(name, defaultValue);
  }

  @Override
  public boolean isNull(String name) {
    return object.isNull(name);
  }

  @Override
  public ValueType getValueType() {
    return ValueType.OBJECT;
  }

  @Override
  public String toString() {
    return object.toString();
  }
}
