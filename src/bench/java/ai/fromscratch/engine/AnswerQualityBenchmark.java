package ai.fromscratch.engine;

import ai.fromscratch.copy.MixWeights;
import ai.fromscratch.retrieval.EmbeddingModelChoice;
import ai.fromscratch.retrieval.SentenceEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The answer-quality benchmark on Python's FAQ ({@code mvn -Pbench}): the four rows of {@link
 * AnswerQuality} on the test questions, the follow-ups, the "I don't know" counts and the FAQ kept
 * as documents, written to a Markdown report. With {@code --tune} it first searches the mixing
 * weights on the development questions only and reports the best, then (as {@code --sweep} alone
 * does) shows how ANSWER_MIN_SIMILARITY and FOLLOW_UP_MIN_WORDS_HELD trade declines on the
 * development sets; {@code --dev} measures the development sets instead of the test sets.
 */
public final class AnswerQualityBenchmark {
  private AnswerQualityBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (!PythonFaq.available()) {
      System.out.println(
          "AnswerQualityBenchmark skipped: Python's FAQ is missing (install Debian's python3.11-doc)");
      return;
    }
    boolean tune = List.of(args).contains("--tune");
    Path report =
        Path.of(
            args.length > 0 && !args[0].startsWith("--")
                ? args[0]
                : "target/answer-quality-benchmark.md");
    try (SentenceEmbedder embedder = SentenceEmbedder.load(EmbeddingModelChoice.defaultChoice());
        AnswerQuality quality = new AnswerQuality(embedder)) {
      MixWeights weights = tune ? tune(quality) : Answerer.TUNED;
      if (tune || List.of(args).contains("--sweep")) {
        sweepNoAnswer(quality);
      }
      // --dev measures on the development sets, as tuning does; the report is of the test sets.
      boolean dev = List.of(args).contains("--dev");
      List<PythonFaq.Question> test =
          PythonFaq.questions(dev ? "dev-questions.jsonl" : "test-questions.jsonl");
      List<PythonFaq.FollowUp> followUps =
          PythonFaq.followUps(dev ? "follow-ups-dev.jsonl" : "follow-ups.jsonl");
      List<PythonFaq.Question> uncovered =
          PythonFaq.questions(dev ? "uncovered-dev.jsonl" : "uncovered.jsonl");
      List<List<String>> uncoveredFollowUps =
          PythonFaq.uncoveredFollowUps(
              dev ? "uncovered-follow-ups-dev.jsonl" : "uncovered-follow-ups.jsonl");
      long started = System.nanoTime();
      List<AnswerQuality.Row> rows = quality.measure(test, weights);
      List<AnswerQuality.Row> followed = quality.measureFollowUps(followUps, weights);
      AnswerQuality.Declines declines =
          quality.declines(test, uncovered, followUps, uncoveredFollowUps, AnswerQuality.NO_ANSWER);
      List<AnswerQuality.Row> documents = quality.measureDocuments(test, weights);
      String table =
          table(quality, test.size(), rows, weights, (System.nanoTime() - started) / 1e9)
              + followUpTable(followed)
              + declineTable(declines)
              + documentTable(documents);
      System.out.println(table);
      Files.createDirectories(report.toAbsolutePath().getParent());
      Files.writeString(report, table);
    }
  }

  /** A grid search of the weights on the development questions. */
  static MixWeights tune(AnswerQuality quality) {
    List<PythonFaq.Question> dev = PythonFaq.questions("dev-questions.jsonl");
    MixWeights best = Answerer.TUNED;
    double bestF1 = quality.meanF1(dev, best);
    for (double bias : new double[] {-4, -2, 0}) {
      for (double perToken : new double[] {0.5, 1, 2}) {
        for (double perFit : new double[] {0, 4, 8}) {
          for (double sharpness : new double[] {5, 20, 50}) {
            for (double corpusBias : new double[] {-4, -2}) {
              for (double corpusPerToken : new double[] {0.25, 0.5, 1}) {
                MixWeights weights =
                    new MixWeights(bias, perToken, perFit, sharpness, corpusBias, corpusPerToken);
                double f1 = quality.meanF1(dev, weights);
                if (f1 > bestF1) {
                  best = weights;
                  bestF1 = f1;
                }
              }
            }
          }
        }
      }
    }
    System.out.printf(
        Locale.ROOT, "Tuned on %d development questions: %s, F1 %.3f%n", dev.size(), best, bestF1);
    return best;
  }

  /**
   * How ANSWER_MIN_SIMILARITY and FOLLOW_UP_MIN_WORDS_HELD trade declined covered questions and
   * follow-ups for declined uncovered ones, on the development sets only.
   */
  static void sweepNoAnswer(AnswerQuality quality) {
    List<PythonFaq.Question> covered = PythonFaq.questions("dev-questions.jsonl");
    List<PythonFaq.Question> uncovered = PythonFaq.questions("uncovered-dev.jsonl");
    List<PythonFaq.FollowUp> coveredFollowUps = PythonFaq.followUps("follow-ups-dev.jsonl");
    List<List<String>> uncoveredFollowUps =
        PythonFaq.uncoveredFollowUps("uncovered-follow-ups-dev.jsonl");
    NoAnswer chat = AnswerQuality.NO_ANSWER;
    for (int hundredths = 35; hundredths <= 52; hundredths++) {
      NoAnswer noAnswer = new NoAnswer(chat.text(), hundredths / 100.0, chat.minWordsHeld());
      printDeclines(
          "ANSWER_MIN_SIMILARITY",
          hundredths,
          quality.declines(covered, uncovered, coveredFollowUps, uncoveredFollowUps, noAnswer));
    }
    for (int hundredths = 0; hundredths <= 40; hundredths += 5) {
      NoAnswer noAnswer = new NoAnswer(chat.text(), chat.minSimilarity(), hundredths / 100.0);
      printDeclines(
          "FOLLOW_UP_MIN_WORDS_HELD",
          hundredths,
          quality.declines(covered, uncovered, coveredFollowUps, uncoveredFollowUps, noAnswer));
    }
  }

  private static void printDeclines(
      String setting, int hundredths, AnswerQuality.Declines declines) {
    System.out.printf(
        Locale.ROOT,
        "%s %.2f: declines %d of %d covered, %d of %d uncovered; follow-ups: %d of %d covered,"
            + " %d of %d uncovered%n",
        setting,
        hundredths / 100.0,
        declines.coveredDeclined(),
        declines.covered(),
        declines.uncoveredDeclined(),
        declines.uncovered(),
        declines.coveredFollowUpsDeclined(),
        declines.coveredFollowUps(),
        declines.uncoveredFollowUpsDeclined(),
        declines.uncoveredFollowUps());
  }

  static String followUpTable(List<AnswerQuality.Row> rows) {
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%nFollow-ups: %d two-turn conversations whose second question needs the first%n%n",
                rows.get(0).questions()));
    out.append(rows("second question", rows));
    return out.toString();
  }

  static String documentTable(List<AnswerQuality.Row> rows) {
    return String.format(
            Locale.ROOT,
            "%nThe FAQ kept as documents (each file one Markdown text, its sections \"## \""
                + " headings), the same %d questions; a passage stands for the section holding most"
                + " of it%n%n",
            rows.get(0).questions())
        + rows("documents chunked in", rows);
  }

  static String declineTable(AnswerQuality.Declines declines) {
    return String.format(
        Locale.ROOT,
        "%n\"I don't know\" (ANSWER_MIN_SIMILARITY %s, FOLLOW_UP_MIN_WORDS_HELD %s): %d of %d"
            + " questions the FAQ does not cover and %d of the %d covered test questions (their F1"
            + " above counts it); %d of %d follow-ups it does not cover (after a question it does)"
            + " and %d of the %d follow-ups above%n",
        AnswerQuality.NO_ANSWER.minSimilarity(),
        AnswerQuality.NO_ANSWER.minWordsHeld(),
        declines.uncoveredDeclined(),
        declines.uncovered(),
        declines.coveredDeclined(),
        declines.covered(),
        declines.uncoveredFollowUpsDeclined(),
        declines.uncoveredFollowUps(),
        declines.coveredFollowUpsDeclined(),
        declines.coveredFollowUps());
  }

  static String table(
      AnswerQuality quality,
      int questions,
      List<AnswerQuality.Row> rows,
      MixWeights weights,
      double seconds) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Python's FAQ (Debian python3.11-doc): %d sections as question/answer pairs, a"
                + " Kneser-Ney model of order %d, %d test questions in other words%n%n",
            quality.sections(),
            AnswerQuality.ORDER,
            questions));
    out.append(rows("answers", rows));
    out.append(String.format(Locale.ROOT, "%nWeights %s; measured in %.1f s%n", weights, seconds));
    return out.toString();
  }

  /** A Markdown table of rows, its first column headed {@code first}. */
  private static String rows(String first, List<AnswerQuality.Row> rows) {
    StringBuilder out =
        new StringBuilder(
            "| " + first + " | source@1 | source@3 | token F1 |\n|---|---|---|---|\n");
    for (AnswerQuality.Row row : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %.3f |%n",
              row.name(),
              percent(row.sourceAt1()),
              percent(row.sourceAt3()),
              row.f1()));
    }
    return out.toString();
  }

  private static String percent(Double share) {
    return share == null ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }
}
