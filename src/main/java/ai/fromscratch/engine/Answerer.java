package ai.fromscratch.engine;

import ai.fromscratch.copy.AnswerDecoder;
import ai.fromscratch.copy.CopiedStretch;
import ai.fromscratch.copy.MixWeights;
import ai.fromscratch.lm.Generation;
import ai.fromscratch.lm.SamplingOptions;
import ai.fromscratch.lm.StopReason;
import ai.fromscratch.lm.TokenSink;
import ai.fromscratch.retrieval.RecordHit;
import java.util.List;
import java.util.Optional;

/**
 * How an answer is made, given what retrieval found: the copy model over the found records mixed
 * with the Kneser-Ney model ({@link AnswerDecoder}); with nothing found, the Kneser-Ney model
 * alone, sampled exactly as {@code /api/model/generate} samples. Plain Java, so a benchmark
 * measures the very path the server answers with.
 */
final class Answerer {
  /**
   * The mixing weights, tuned on the development questions of Python's FAQ by {@code
   * AnswerQualityBenchmark} (never on its test questions).
   */
  static final MixWeights TUNED = new MixWeights(-2.0, 1.0, 4.0, 20.0, -2.0, 0.5);

  private final ActiveModel model;
  private final MixWeights weights;
  private final int maxPassageChars;
  private final Optional<NoAnswer> noAnswer;

  /**
   * @param maxPassageChars the most characters of retrieved text the answer may copy from
   * @param noAnswer when to decline rather than answer; empty to let the model run free when
   *     nothing was found (as {@code /api/model/generate} and {@code use_rag: false} do)
   */
  Answerer(
      ActiveModel model, MixWeights weights, int maxPassageChars, Optional<NoAnswer> noAnswer) {
    this.model = model;
    this.weights = weights;
    this.maxPassageChars = maxPassageChars;
    this.noAnswer = noAnswer;
  }

  /** The answer after {@code prompt} (the model's tokens), with the documents it could copy. */
  Answer answer(
      List<String> prompt, List<RecordHit> records, SamplingOptions options, TokenSink sink) {
    if (noAnswer.isPresent() && noAnswer.get().declines(records)) {
      String text = noAnswer.get().text();
      sink.accept(text, text);
      return new Answer(
          new Generation(List.of(), text, StopReason.END_OF_SENTENCE),
          List.of(),
          AnswerPassages.of(List.of(), 0),
          records,
          true);
    }
    if (records.isEmpty()) {
      Generation generation =
          model.generator().generate(model.generator().newDistribution(), prompt, options, sink);
      return new Answer(generation, List.of(), AnswerPassages.of(List.of(), 0), records, false);
    }
    AnswerPassages passages = AnswerPassages.of(records, maxPassageChars);
    AnswerDecoder.Decoded decoded =
        new AnswerDecoder(
                model.generator(),
                model.words(),
                passages.corpus(),
                model.corpus(),
                passages.fit(),
                weights,
                ChatFormat.MARKERS)
            .decode(prompt, options, sink);
    return new Answer(decoded.generation(), decoded.stretches(), passages, records, false);
  }

  /**
   * An answer, the stretches of it copied from the passages, the passages, every record found, and
   * whether it declined to answer (its text is then NO_ANSWER_TEXT, the records suggestions).
   */
  record Answer(
      Generation generation,
      List<CopiedStretch> stretches,
      AnswerPassages passages,
      List<RecordHit> found,
      boolean declined) {}
}
