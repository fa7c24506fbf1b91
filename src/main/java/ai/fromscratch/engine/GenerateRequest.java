package ai.fromscratch.engine;

import ai.fromscratch.lm.SamplingOptions;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.JsonParams;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * A generation request: the prompt and the sampling options, each checked with a 400 that names it.
 */
public record GenerateRequest(String prompt, SamplingOptions sampling, boolean useRag) {
  public static final int MAX_PROMPT_CHARS = 20_000;
  public static final int MAX_TOKENS = 2_000;

  /** The parameters a generate request may have. */
  public static final Set<String> KNOWN =
      Set.of("prompt", "max_tokens", "temperature", "top_k", "top_p", "seed", "stop", "use_rag");

  /** Reads a request body; {@code useRagDefault} differs between raw generation and chat. */
  public static GenerateRequest from(JsonObject json, boolean useRagDefault) {
    JsonParams params = new JsonParams(json, KNOWN);
    String prompt = params.text("prompt", "", MAX_PROMPT_CHARS);
    return new GenerateRequest(prompt, sampling(params), params.bool("use_rag", useRagDefault));
  }

  /** Tokens generated unless a request says otherwise. */
  public static final int DEFAULT_MAX_TOKENS = 60;

  /** The sampling options of a request body, at temperature 1 unless it says otherwise. */
  public static SamplingOptions sampling(JsonParams params) {
    return sampling(params, 1.0, DEFAULT_MAX_TOKENS);
  }

  /** The sampling options of a request body (also used by chat requests, with their defaults). */
  public static SamplingOptions sampling(
      JsonParams params, double defaultTemperature, int defaultMaxTokens) {
    List<String> stop = params.stringOrStrings("stop");
    if (stop.size() > 16) {
      throw ApiException.badRequest("stop takes at most 16 strings");
    }
    double topP = params.decimal("top_p", 1.0, 0.0, 1.0);
    if (topP == 0) {
      throw ApiException.badRequest("top_p must be above 0 and at most 1 (1 turns it off)");
    }
    return new SamplingOptions(
        params.integer("max_tokens", defaultMaxTokens, 1, MAX_TOKENS),
        params.decimal("temperature", defaultTemperature, 0.0, 5.0),
        params.integer("top_k", 0, 0, 1_000_000),
        topP,
        params.optionalLong("seed"),
        stop,
        Set.of(),
        Set.of());
  }
}
