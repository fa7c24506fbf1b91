package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every conditional distribution of a model sums to one over the vocabulary (without {@code <s>}).
 */
class NormalizationTest {
  private static final int CONTEXTS = 25;

  @Test
  void estimatedModelSumsToOneForRandomContexts() {
    assertNormalized(ReferenceData.estimated(4).model());
  }

  @Test
  void prunedModelSumsToOneForRandomContexts() {
    EstimationOptions options =
        EstimationOptions.ofOrder(4).withPruneThresholds(List.of(0, 1, 1, 2));
    NgramModel pruned =
        new KneserNeyEstimator(options)
            .estimate(TestCorpus.brownLines(3000), ProgressListener.NONE)
            .model();
    assertNormalized(pruned);
  }

  @Test
  void lmplzModelSumsToOneForRandomContexts() {
    assertNormalized(ReferenceData.lmplzArpa(3));
  }

  /** Contexts are drawn from the test text, so most have seen continuations at several orders. */
  private static void assertNormalized(NgramModel model) {
    SplittableRandom random = new SplittableRandom(7);
    List<String[]> sentences = ReferenceData.testSentences();
    for (int i = 0; i < CONTEXTS; i++) {
      String[] sentence = sentences.get(random.nextInt(sentences.size()));
      int end = random.nextInt(sentence.length + 1);
      int length = Math.min(end, model.order() - 1);
      int[] context = new int[length];
      for (int j = 0; j < length; j++) {
        int at = end - length + j;
        context[j] = at < 0 ? Vocabulary.BOS : model.vocabulary().id(sentence[at]);
      }
      if (end < model.order() - 1 && length > 0) {
        context[0] = Vocabulary.BOS;
      }
      double sum = 0;
      for (int word = 0; word < model.vocabulary().size(); word++) {
        if (word != Vocabulary.BOS) {
          sum += Math.pow(10, model.log10Probability(context, word));
        }
      }
      assertEquals(1.0, sum, 1e-6, "context " + Arrays.toString(context));
    }
  }
}
