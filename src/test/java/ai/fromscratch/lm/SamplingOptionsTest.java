package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SamplingOptionsTest {
  private static final SamplingOptions BASE = SamplingOptions.DEFAULTS;

  @Test
  void invalidValuesNameTheParameter() {
    assertRejected(() -> BASE.withMaxTokens(0), "maxTokens");
    assertRejected(() -> BASE.withTemperature(-0.1), "temperature");
    assertRejected(() -> BASE.withTemperature(Double.NaN), "temperature");
    assertRejected(() -> BASE.withTopK(-1), "topK");
    assertRejected(() -> BASE.withTopP(0), "topP");
    assertRejected(() -> BASE.withTopP(1.5), "topP");
    assertRejected(() -> BASE.withStopStrings(List.of("")), "stopStrings");
  }

  @Test
  void plainMeansTheModelsOwnDistribution() {
    assertTrue(BASE.isPlain());
    assertTrue(!BASE.withTemperature(0.5).isPlain());
    assertTrue(!BASE.withTopK(5).isPlain());
  }

  private static void assertRejected(Supplier<SamplingOptions> options, String parameter) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, options::get);
    assertTrue(error.getMessage().startsWith(parameter), error.getMessage());
  }
}
