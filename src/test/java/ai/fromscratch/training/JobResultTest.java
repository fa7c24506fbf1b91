package ai.fromscratch.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class JobResultTest {

  @Test
  void anNgramResultReadsBackAsItWasStoredWithOrWithoutAHeldOutPart() {
    NgramResult full =
        new NgramResult(
            "model-1.lm",
            List.of(10L, 200L, 300L),
            10,
            4096,
            5,
            60,
            1.25,
            true,
            48,
            new NgramResult.Heldout(123.5, 99.25, 40, 2));
    NgramResult bare =
        new NgramResult("model-2.lm", List.of(3L), 3, 512, 1, 4, 0.5, false, 8, null);

    assertEquals(full, NgramResult.of(full.toJson().toString()));
    assertEquals(bare, NgramResult.of(bare.toJson()));
    assertNull(NgramResult.of(bare.toJson()).heldout());
    assertEquals("model-1.lm", full.toJson().getString("model_file"));
  }

  @Test
  void aTokenizerResultReadsBackAsItWasStored() {
    BpeResult result = new BpeResult(300, 210, 12, 4000, 900, 1.5);

    assertEquals(result, BpeResult.of(result.toJson()));
  }
}
