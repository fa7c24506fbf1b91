package ai.fromscratch.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.platform.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingRequestTest {

  private static TrainingRequest from(String json) {
    return TrainingRequest.from(Json.createReader(new StringReader(json)).readObject());
  }

  @Test
  void eachKindReadsItsOwnParametersAndNamingNoDatasetMeansEvery() {
    NgramParameters ngram =
        (NgramParameters) from("{\"kind\": \"ngram\", \"order\": 3, \"chunk_size\": 50}");
    BpeParameters bpe = (BpeParameters) from("{\"kind\": \"bpe\", \"datasets\": [2, 1]}");
    TrainingRequest index = from("{\"kind\": \"index\", \"datasets\": [4]}");

    assertEquals(List.of(), ngram.datasets());
    assertEquals(3, ngram.order());
    assertEquals(50, ngram.chunkSize());
    assertEquals(List.of(2L, 1L), bpe.datasets());
    assertEquals(JobKind.INDEX, index.kind());
    assertEquals(List.of(7L), ngram.on(List.of(7L)).datasets());
  }

  @Test
  void whatTheJobStoresReadsBackTheSame() {
    NgramParameters ngram =
        (NgramParameters) from("{\"kind\": \"ngram\", \"order\": 5, \"prune\": [0, 1]}");
    JsonObject stored = ngram.on(List.of(3L)).toJson();

    assertEquals(ngram.on(List.of(3L)), NgramParameters.stored(stored));
  }

  @Test
  void badRequestsAreNamed() {
    for (String body :
        List.of(
            "{\"kind\": \"gpt\"}",
            "{\"kind\": \"ngram\", \"datasets\": []}",
            "{\"kind\": \"ngram\", \"order\": 9}",
            "{\"kind\": \"ngram\", \"order\": 2, \"prune\": [1, 2]}",
            "{\"kind\": \"index\", \"order\": 3}")) {
      ApiException e = assertThrows(ApiException.class, () -> from(body), body);
      assertEquals(400, e.status(), body);
    }
    assertTrue(
        assertThrows(
                ApiException.class,
                () -> new NgramParameters(List.of(), 3, List.of(2L, 1L), false, 0, true, true, 10))
            .getMessage()
            .contains("must not decrease"),
        "the page's requests are checked as the API's");
  }
}
