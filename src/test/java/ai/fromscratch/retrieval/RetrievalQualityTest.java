package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paraphrased questions must find the pair they paraphrase in the top 3 hits of a hybrid search
 * over all pairs' questions and answers (src/test/resources/retrieval/qa-pairs.jsonl).
 */
class RetrievalQualityTest {
  private static final double MIN_RATE = 0.9;

  @Test
  void paraphrasedQuestionsFindTheirSourceRecordInTheTopThree() {
    assertRate(Embedders.quantized());
  }

  @Test
  void paraphrasedQuestionsFindTheirSourceRecordInTheTopThreeWithTheFullModel() {
    assertRate(Embedders.full());
  }

  private static void assertRate(SentenceEmbedder embedder) {
    List<QaPairs> pairs = QaPairs.load();
    int found = 0;
    int first = 0;
    try (PassageIndex index = QaPairs.index(embedder, pairs)) {
      for (QaPairs pair : pairs) {
        List<SearchHit> hits =
            index.search(
                pair.paraphrase(),
                embedder.embed(pair.paraphrase()),
                3,
                PassageIndex.DEFAULT_MIN_SIMILARITY);
        if (hits.stream().anyMatch(hit -> hit.recordId() == pair.id())) {
          found++;
        } else {
          System.out.println("  missed: " + pair.paraphrase() + " -> " + hits);
        }
        if (!hits.isEmpty() && hits.get(0).recordId() == pair.id()) {
          first++;
        }
      }
    }
    double rate = (double) found / pairs.size();
    System.out.printf(
        "%s: %d of %d paraphrases found their pair in the top 3 (%.1f%%), %d first%n",
        embedder.model().canonicalName(), found, pairs.size(), 100 * rate, first);
    assertTrue(rate >= MIN_RATE, "top-3 rate " + rate);
  }
}
