package ai.fromscratch.backup;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a backup archive holds: the app version and time it was taken, each file with its size and
 * SHA-256, and the rows of each database table.
 */
public record BackupManifest(
    int format,
    String appVersion,
    Instant createdAt,
    List<Entry> entries,
    Map<String, Long> tables) {
  public static final String NAME = "manifest.json";
  public static final int FORMAT = 1;

  /** One file of the archive. */
  public record Entry(String path, long size, String sha256) {}

  public BackupManifest {
    entries = List.copyOf(entries);
    tables = Map.copyOf(tables);
  }

  public long bytes() {
    return entries.stream().mapToLong(Entry::size).sum();
  }

  JsonObject toJson() {
    JsonArrayBuilder files = Json.createArrayBuilder();
    for (Entry entry : entries) {
      files.add(
          Json.createObjectBuilder()
              .add("path", entry.path())
              .add("size", entry.size())
              .add("sha256", entry.sha256()));
    }
    JsonObjectBuilder rows = Json.createObjectBuilder();
    new TreeMap<>(tables).forEach(rows::add);
    return Json.createObjectBuilder()
        .add("format", format)
        .add("app_version", appVersion)
        .add("created_at", createdAt.toString())
        .add("files", files)
        .add("tables", rows)
        .build();
  }

  static BackupManifest read(InputStream in) {
    try (JsonReader reader = Json.createReader(in)) {
      JsonObject json = reader.readObject();
      int format = json.getInt("format");
      if (format != FORMAT) {
        throw new BackupRejectedException(
            "the archive has manifest format " + format + "; this version reads " + FORMAT);
      }
      List<Entry> entries = new ArrayList<>();
      for (JsonValue value : json.getJsonArray("files")) {
        JsonObject file = value.asJsonObject();
        entries.add(
            new Entry(
                file.getString("path"),
                file.getJsonNumber("size").longValueExact(),
                file.getString("sha256")));
      }
      Map<String, Long> tables = new LinkedHashMap<>();
      json.getJsonObject("tables")
          .forEach((table, count) -> tables.put(table, ((JsonNumber) count).longValueExact()));
      return new BackupManifest(
          format,
          json.getString("app_version"),
          Instant.parse(json.getString("created_at")),
          entries,
          tables);
    } catch (JsonException
        | ClassCastException
        | NullPointerException
        | ArithmeticException
        | DateTimeParseException e) {
      throw new BackupRejectedException("its manifest cannot be read: " + e.getMessage());
    }
  }
}
