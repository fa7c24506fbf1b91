package ai.fromscratch.engine;

import ai.fromscratch.copy.CopyCorpus;
import ai.fromscratch.copy.ModelWords;
import ai.fromscratch.lm.NgramModel;
import ai.fromscratch.lm.StoredModel;
import ai.fromscratch.lm.TextGenerator;
import ai.fromscratch.lm.TextScorer;
import ai.fromscratch.lm.WordTokenizer;
import java.util.Map;

/**
 * The model that answers, with what it was trained on, the scorer, generator and word cache built
 * over it once (all thread-safe), and the copy corpus of its training text (empty for an imported
 * model).
 *
 * @param id the model file's name, which identifies this version of the model
 */
public record ActiveModel(
    String id,
    NgramModel model,
    Map<String, String> metadata,
    WordTokenizer tokenizer,
    TextScorer scorer,
    TextGenerator generator,
    ModelWords words,
    CopyCorpus corpus) {

  /** Metadata key: whether the model was trained on lower-cased text ("true" or "false"). */
  public static final String LOWERCASE = "lowercase";

  static ActiveModel of(String id, StoredModel stored) {
    return of(id, stored, CopyCorpus.empty());
  }

  /** The model with the copy corpus of what it was trained on. */
  static ActiveModel of(String id, StoredModel stored, CopyCorpus corpus) {
    WordTokenizer tokenizer =
        new WordTokenizer(Boolean.parseBoolean(stored.metadata().getOrDefault(LOWERCASE, "true")));
    return new ActiveModel(
        id,
        stored.model(),
        stored.metadata(),
        tokenizer,
        new TextScorer(stored.model()),
        new TextGenerator(stored.model(), tokenizer),
        new ModelWords(stored.model().vocabulary()),
        corpus);
  }
}
