package ai.fromscratch.lm;

import java.util.List;
import java.util.Set;

/**
 * How to sample: at most {@code maxTokens} words; {@code temperature} (1 = the model's
 * distribution, 0 = always the most probable entry); {@code topK} (0 = off); {@code topP} (1 =
 * off); an optional {@code seed} for repeatable output; stop strings (checked on the generated
 * text, never included in it), stop tokens (ending generation when produced) and excluded tokens
 * (never produced: each step draws from the other words, as {@code <unk>} is never drawn).
 */
public record SamplingOptions(
    int maxTokens,
    double temperature,
    int topK,
    double topP,
    Long seed,
    List<String> stopStrings,
    Set<String> stopTokens,
    Set<String> excludedTokens) {
  public static final int MAX_TOKENS_LIMIT = 1_000_000;
  public static final SamplingOptions DEFAULTS =
      new SamplingOptions(50, 1.0, 0, 1.0, null, List.of(), Set.of(), Set.of());

  public SamplingOptions {
    if (maxTokens < 1 || maxTokens > MAX_TOKENS_LIMIT) {
      throw new IllegalArgumentException(
          "maxTokens must be between 1 and " + MAX_TOKENS_LIMIT + ", got " + maxTokens);
    }
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException(
          "temperature must be a finite number >= 0, got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be >= 0 (0 turns it off), got " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1] (1 turns it off), got " + topP);
    }
    stopStrings = List.copyOf(stopStrings);
    stopTokens = Set.copyOf(stopTokens);
    excludedTokens = Set.copyOf(excludedTokens);
    if (stopStrings.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("stopStrings must not contain an empty string");
    }
  }

  public SamplingOptions withMaxTokens(int value) {
    return new SamplingOptions(
        value, temperature, topK, topP, seed, stopStrings, stopTokens, excludedTokens);
  }

  public SamplingOptions withTemperature(double value) {
    return new SamplingOptions(
        maxTokens, value, topK, topP, seed, stopStrings, stopTokens, excludedTokens);
  }

  public SamplingOptions withTopK(int value) {
    return new SamplingOptions(
        maxTokens, temperature, value, topP, seed, stopStrings, stopTokens, excludedTokens);
  }

  public SamplingOptions withTopP(double value) {
    return new SamplingOptions(
        maxTokens, temperature, topK, value, seed, stopStrings, stopTokens, excludedTokens);
  }

  public SamplingOptions withSeed(Long value) {
    return new SamplingOptions(
        maxTokens, temperature, topK, topP, value, stopStrings, stopTokens, excludedTokens);
  }

  public SamplingOptions withStopStrings(List<String> value) {
    return new SamplingOptions(
        maxTokens, temperature, topK, topP, seed, value, stopTokens, excludedTokens);
  }

  public SamplingOptions withStopTokens(Set<String> value) {
    return new SamplingOptions(
        maxTokens, temperature, topK, topP, seed, stopStrings, value, excludedTokens);
  }

  public SamplingOptions withExcludedTokens(Set<String> value) {
    return new SamplingOptions(
        maxTokens, temperature, topK, topP, seed, stopStrings, stopTokens, value);
  }

  /** True when sampling follows the model's distribution unchanged. */
  public boolean isPlain() {
    return temperature == 1.0 && topK == 0 && topP == 1.0;
  }
}
