package ai.fromscratch.engine;

import ai.fromscratch.lm.Generation;
import ai.fromscratch.lm.SamplingOptions;
import ai.fromscratch.lm.TokenSink;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import ai.fromscratch.platform.WorkGate;
import ai.fromscratch.retrieval.RecordHit;
import ai.fromscratch.retrieval.RetrievalService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Generation and scoring with the active model: what {@code /api/model} and the chat use. */
@ApplicationScoped
public class GenerationService {
  public static final int MAX_SCORED_CHARS = 1_000_000;
  private static final Duration QUEUE_WAIT = Duration.ofSeconds(15);

  @Inject Engine engine;
  @Inject RetrievalService retrieval;
  @Inject Settings settings;

  /** The bound on answers computed at once (MAX_CONCURRENT_GENERATIONS, GENERATION_QUEUE). */
  private WorkGate gate;

  @PostConstruct
  void gate() {
    gate =
        new WorkGate(
            settings.getInt(Setting.MAX_CONCURRENT_GENERATIONS),
            settings.getInt(Setting.GENERATION_QUEUE),
            QUEUE_WAIT);
  }

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
    return generate(
        model,
        request.prompt(),
        model.tokenizer().tokenize(request.prompt()),
        request.sampling(),
        request.useRag(),
        sink);
  }

  /**
   * Generates after {@code prompt} with {@code model}, steered by what the query retrieves when
   * {@code useRag}; the answer names its sources.
   */
  public GenerationResult generate(
      ActiveModel model,
      String query,
      List<String> prompt,
      SamplingOptions sampling,
      boolean useRag,
      TokenSink sink) {
    return gate.run(() -> generateNow(model, query, prompt, sampling, useRag, sink));
  }

  private GenerationResult generateNow(
      ActiveModel model,
      String query,
      List<String> prompt,
      SamplingOptions sampling,
      boolean useRag,
      TokenSink sink) {
    long started = System.nanoTime();
    List<RecordHit> records =
        useRag && !query.isBlank() ? retrieval.records(query, retrieval.defaultK()) : List.of();
    long retrieved = System.nanoTime();
    Generation generation =
        new Answerer(model, Answerer.TUNED, settings.getInt(Setting.MAX_CONTEXT_CHARS))
            .answer(prompt, records, sampling, sink)
            .generation();
    long done = System.nanoTime();
    return new GenerationResult(
        generation.text(),
        generation.tokens().size(),
        generation.stopReason().name().toLowerCase(Locale.ROOT),
        (done - started) / 1e6,
        (retrieved - started) / 1e6,
        model.id(),
        retrieval.recordSources(records));
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
    return gate.run(
        () ->
            PerplexityView.of(model.scorer().perplexity(sentences), sentences.size(), model.id()));
  }
}
