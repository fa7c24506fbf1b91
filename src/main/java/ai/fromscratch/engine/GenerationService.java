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
import ai.fromscratch.retrieval.RetrievedPassage;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
    List<String> prompt = model.tokenizer().tokenize(request.prompt());
    return gate.run(
        () ->
            generateNow(
                model,
                request.prompt(),
                Optional.empty(),
                prompt,
                request.sampling(),
                request.useRag() ? RetrievalMode.SEARCH : RetrievalMode.NONE,
                sink));
  }

  /**
   * Answers a chat message with {@code model}, after the exchange before it in its conversation.
   * With retrieval, the answer copies from what the message finds, or says NO_ANSWER_TEXT when
   * nothing found supports it; without, the model answers alone.
   */
  public GenerationResult answer(
      ActiveModel model,
      String message,
      Optional<PriorExchange> earlier,
      SamplingOptions sampling,
      boolean useRag,
      TokenSink sink) {
    List<String> prompt = ChatFormat.prompt(earlier, message, model.tokenizer());
    return gate.run(
        () ->
            generateNow(
                model,
                message,
                earlier.map(PriorExchange::question),
                prompt,
                sampling,
                useRag ? RetrievalMode.SEARCH_OR_DECLINE : RetrievalMode.NONE,
                sink));
  }

  /** Whether an answer retrieves, and whether it may decline for want of support. */
  private enum RetrievalMode {
    NONE,
    SEARCH,
    SEARCH_OR_DECLINE
  }

  private GenerationResult generateNow(
      ActiveModel model,
      String query,
      Optional<String> earlierQuery,
      List<String> prompt,
      SamplingOptions sampling,
      RetrievalMode mode,
      TokenSink sink) {
    long started = System.nanoTime();
    List<RecordHit> records =
        mode != RetrievalMode.NONE && !query.isBlank()
            ? retrieval.records(query, earlierQuery, retrieval.defaultK())
            : List.of();
    long retrieved = System.nanoTime();
    // With nothing indexed (a model imported as ARPA, or trained without indexing) there is
    // nothing to support or refute an answer: the model answers alone, as with use_rag false.
    Optional<NoAnswer> noAnswer =
        mode == RetrievalMode.SEARCH_OR_DECLINE && (!records.isEmpty() || retrieval.hasPassages())
            ? Optional.of(
                new NoAnswer(
                    settings.get(Setting.NO_ANSWER_TEXT),
                    settings.getDouble(Setting.ANSWER_MIN_SIMILARITY),
                    settings.getDouble(Setting.FOLLOW_UP_MIN_WORDS_HELD)))
            : Optional.empty();
    Answerer.Answer answer =
        new Answerer(model, Answerer.TUNED, settings.getInt(Setting.MAX_CONTEXT_CHARS), noAnswer)
            .answer(prompt, records, sampling, sink);
    long done = System.nanoTime();
    Generation generation = answer.generation();
    AnswerSources sources = AnswerSources.of(answer);
    // One call names the datasets of both lists (a database read per dataset).
    List<RetrievedPassage> shown = retrieval.recordSources(sources.all());
    return new GenerationResult(
        generation.text(),
        generation.tokens().size(),
        answer.declined()
            ? NoAnswer.STOP_REASON
            : generation.stopReason().name().toLowerCase(Locale.ROOT),
        (done - started) / 1e6,
        (retrieved - started) / 1e6,
        model.id(),
        shown.subList(0, sources.used().size()),
        shown.subList(sources.used().size(), shown.size()),
        sources.attributions());
  }

  /** Scores each line of {@code text} as a sentence, as KenLM's query does. */
  public PerplexityJson perplexity(String text) {
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
            PerplexityJson.of(model.scorer().perplexity(sentences), sentences.size(), model.id()));
  }
}
