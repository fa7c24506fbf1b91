package ai.fromscratch.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.retrieval.EmbeddingModelChoice;
import ai.fromscratch.retrieval.PassageIndex;
import ai.fromscratch.retrieval.SentenceEmbedder;
import org.junit.jupiter.api.Test;

/**
 * Retrieval must improve answers clearly: on questions about made-up planets asked in other words
 * than the training data, answers with retrieval match the reference answers better, and the
 * reference answers become more probable; clearly so when the answer is in the data.
 */
class RagQualityTest {

  @Test
  void retrievalImprovesAnswersAndTheirPerplexityClearly() {
    try (SentenceEmbedder embedder = SentenceEmbedder.load(EmbeddingModelChoice.defaultChoice())) {
      var reports =
          RagQuality.measure(
              new PlanetFacts(40, 5), embedder, 4, 8, 0.6, PassageIndex.DEFAULT_MIN_SIMILARITY);
      RagQuality.Report heldOut = reports.get(0);
      RagQuality.Report paraphrased = reports.get(1);

      // The margin on held-out questions is smaller than on trained ones since questions prompt
      // alike with or without their question mark: that lifted the answers without retrieval.
      assertTrue(heldOut.f1With() > heldOut.f1Without() + 0.08, heldOut.toString());
      assertTrue(heldOut.rougeWith() > heldOut.rougeWithout() + 0.08, heldOut.toString());
      assertTrue(heldOut.perplexityWith() < 0.9 * heldOut.perplexityWithout(), heldOut.toString());
      assertTrue(paraphrased.f1With() > paraphrased.f1Without() + 0.25, paraphrased.toString());
      assertTrue(
          paraphrased.perplexityWith() < 0.7 * paraphrased.perplexityWithout(),
          paraphrased.toString());
      assertTrue(heldOut.sourceInTop3() >= 0.9 && paraphrased.sourceInTop3() >= 0.9);
    }
  }
}
