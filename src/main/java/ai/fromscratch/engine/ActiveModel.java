package ai.fromscratch.engine;

import ai.fromscratch.lm.NgramModel;
import ai.fromscratch.lm.StoredModel;
import ai.fromscratch.lm.TextGenerator;
import ai.fromscratch.lm.TextScorer;
import ai.fromscratch.lm.Tokenizer;
import java.util.Map;

/**
 * The model that answers, with what it was trained on, and the scorer and generator built over it
 * once (both are thread-safe).
 *
 * @param id the model file's name, which identifies this version of the model
 */
public record ActiveModel(
    String id,
    NgramModel model,
    Map<String, String> metadata,
    Tokenizer tokenizer,
    TextScorer scorer,
    TextGenerator generator) {

  /** Metadata key: whether the model was trained on lower-cased text ("true" or "false"). */
  public static final String LOWERCASE = "lowercase";

  static ActiveModel of(String id, StoredModel stored) {
    Tokenizer tokenizer =
        new Tokenizer(Boolean.parseBoolean(stored.metadata().getOrDefault(LOWERCASE, "true")));
    return new ActiveModel(
        id,
        stored.model(),
        stored.metadata(),
        tokenizer,
        new TextScorer(stored.model()),
        new TextGenerator(stored.model(), tokenizer));
  }
}
