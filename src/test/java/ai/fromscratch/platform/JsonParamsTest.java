package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonParamsTest {
  private static JsonParams params(String json) {
    JsonObject object = Json.createReader(new StringReader(json)).readObject();
    return new JsonParams(object, Set.of("n", "ids", "seed"));
  }

  @Test
  void hugeExponentsAreOutOfRangeWithoutBeingWrittenOut() {
    for (String huge : List.of("1e999999999", "-1e999999999", "123456789012345678901234567890")) {
      ApiException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5),
              () ->
                  assertThrows(
                      ApiException.class,
                      () -> params("{\"n\": " + huge + "}").integer("n", 1, 1, 10)));
      assertEquals(400, e.status());
      assertEquals(
          400,
          assertThrows(
                  ApiException.class, () -> params("{\"seed\": " + huge + "}").optionalLong("seed"))
              .status());
      assertEquals(
          400,
          assertThrows(
                  ApiException.class, () -> params("{\"ids\": [" + huge + "]}").longs("ids", 1))
              .status());
    }
  }

  @Test
  void wholeNumbersInRangeAreRead() {
    assertEquals(7, params("{\"n\": 7}").integer("n", 1, 1, 10));
    assertEquals(
        -9223372036854775808L, params("{\"seed\": -9223372036854775808}").optionalLong("seed"));
    assertEquals(List.of(3L, 4L), params("{\"ids\": [3, 4]}").longs("ids", 1));
    assertEquals(
        400,
        assertThrows(ApiException.class, () -> params("{\"n\": 2.5}").integer("n", 1, 1, 10))
            .status());
  }
}
