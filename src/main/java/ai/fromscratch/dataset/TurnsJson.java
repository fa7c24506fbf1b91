package ai.fromscratch.dataset;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;

/** How turns are stored in a record's column: a JSON list of {@code {"role", "text"}}. */
public final class TurnsJson {
  private TurnsJson() {}

  public static String write(List<Turn> turns) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (Turn turn : turns) {
      array.add(Json.createObjectBuilder().add("role", turn.role()).add("text", turn.text()));
    }
    return array.build().toString();
  }

  public static List<Turn> read(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonArray array = reader.readArray();
      return array.stream()
          .map(JsonObject.class::cast)
          .map(turn -> new Turn(turn.getString("role"), turn.getString("text")))
          .toList();
    }
  }
}
