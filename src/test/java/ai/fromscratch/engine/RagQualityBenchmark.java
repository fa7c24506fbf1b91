package ai.fromscratch.engine;

import ai.fromscratch.retrieval.EmbeddingModelChoice;
import ai.fromscratch.retrieval.PassageIndex;
import ai.fromscratch.retrieval.SentenceEmbedder;
import java.util.List;

/**
 * Prints the retrieval quality figures ({@code mvn -Pbench}): questions about 200 made-up planets,
 * answered with and without retrieval.
 */
public final class RagQualityBenchmark {
  private static final List<String> SETS =
      List.of(
          "held-out questions (answer only in a fact sheet)",
          "trained questions asked in other words");

  private RagQualityBenchmark() {}

  public static void main(String[] args) {
    try (SentenceEmbedder embedder = SentenceEmbedder.load(EmbeddingModelChoice.defaultChoice())) {
      for (int order : new int[] {3, 4}) {
        long started = System.nanoTime();
        List<RagQuality.Report> reports =
            RagQuality.measure(
                new PlanetFacts(200, 42),
                embedder,
                order,
                8,
                0.6,
                PassageIndex.DEFAULT_MIN_SIMILARITY);
        for (int i = 0; i < reports.size(); i++) {
          RagQuality.Report report = reports.get(i);
          System.out.printf(
              "order %d, %d %s: token F1 %.3f -> %.3f, ROUGE-L %.3f -> %.3f,"
                  + " reference perplexity %.2f -> %.2f, source in top 3 %.1f%%%n",
              order,
              report.questions(),
              SETS.get(i),
              report.f1Without(),
              report.f1With(),
              report.rougeWithout(),
              report.rougeWith(),
              report.perplexityWithout(),
              report.perplexityWith(),
              100 * report.sourceInTop3());
        }
        System.out.printf(
            "(order %d measured in %.1f s)%n", order, (System.nanoTime() - started) / 1e9);
      }
    }
  }
}
