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
 * AnswerQuality} on the test questions, written to a Markdown report. With {@code --tune} it first
 * searches the mixing weights on the development questions only and reports the best.
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
      // --dev measures on the development questions, as tuning does; the report is of the test set.
      String set = List.of(args).contains("--dev") ? "dev-questions.jsonl" : "test-questions.jsonl";
      List<PythonFaq.Question> test = PythonFaq.questions(set);
      long started = System.nanoTime();
      List<AnswerQuality.Row> rows = quality.measure(test, weights);
      String table =
          table(quality, test.size(), rows, weights, (System.nanoTime() - started) / 1e9);
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
    out.append("| answers | source@1 | source@3 | token F1 |\n|---|---|---|---|\n");
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
    out.append(String.format(Locale.ROOT, "%nWeights %s; measured in %.1f s%n", weights, seconds));
    return out.toString();
  }

  private static String percent(Double share) {
    return share == null ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }
}
