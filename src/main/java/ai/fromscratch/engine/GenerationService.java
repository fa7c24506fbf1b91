package ai.fromscratch.engine;

import ai.fromscratch.lm.Generation;
import ai.fromscratch.lm.TokenSink;
import ai.fromscratch.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Generation and scoring with the active model: what {@code /api/model} and the chat use. */
@ApplicationScoped
public class GenerationService {
  public static final int MAX_SCORED_CHARS = 1_000_000;

  @Inject Engine engine;

  /** The model answering now; 409 when there is none yet. */
  public ActiveModel requireModel() {
    return engine
        .activeModel()
        .orElseThrow(
            () ->
                ApiException.conflict(
                    "No model is trained yet: upload data and train a model on the Data page"
                        + " (POST /api/train/start)"));
  }

  public ModelFacts facts() {
    return ModelFacts.of(requireModel());
  }

  /** Continues the prompt as plain text (no chat turn markers). */
  public GenerationResult generate(GenerateRequest request, TokenSink sink) {
    ActiveModel model = requireModel();
    long started = System.nanoTime();
    List<String> prompt = model.tokenizer().tokenize(request.prompt());
    Generation generation =
        model
            .generator()
            .generate(model.generator().newDistribution(), prompt, request.sampling(), sink);
    return result(generation, started, model);
  }

  static GenerationResult result(Generation generation, long startedNanos, ActiveModel model) {
    return new GenerationResult(
        generation.text(),
        generation.tokens().size(),
        generation.stopReason().name().toLowerCase(Locale.ROOT),
        (System.nanoTime() - startedNanos) / 1e6,
        model.id());
  }

  /** Scores each line of {@code text} as a sentence, as KenLM's query does. */
  public PerplexityView perplexity(String text) {
    ActiveModel model = requireModel();
    List<String[]> sentences = new ArrayList<>();
    for (String line : text.split("\\R")) {
      List<String> tokens = model.tokenizer().tokenize(line);
      if (!tokens.isEmpty()) {
        sentences.add(tokens.toArray(String[]::new));
      }
    }
    if (sentences.isEmpty()) {
      throw ApiException.badRequest("text has no words to score");
    }
    return PerplexityView.of(model.scorer().perplexity(sentences), sentences.size(), model.id());
  }
}
