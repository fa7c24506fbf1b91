package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviours of estimation beyond the lmplz reference figures. */
class KneserNeyEstimatorTest {
  @Test
  void emptyCorpusIsAClearError() {
    KneserNeyEstimator estimator = new KneserNeyEstimator(EstimationOptions.ofOrder(3));
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> estimator.estimate(List.of(), ProgressListener.NONE));
    assertTrue(error.getMessage().contains("empty"));
  }

  @Test
  void tinyDataFailsWithLmplzDiscountMessage() {
    List<String[]> tiny = TestCorpus.sentences("a b c", "a b d");
    DiscountException error =
        assertThrows(DiscountException.class, () -> TestCorpus.estimate(3, tiny));
    assertTrue(error.getMessage().startsWith("Could not calculate Kneser-Ney discounts for "));
    assertTrue(error.getMessage().contains("because we didn't observe any"));
  }

  @Test
  void discountFallbackUsesLmplzDefaultsForTinyData() {
    EstimationResult result =
        new KneserNeyEstimator(EstimationOptions.ofOrder(3).withDiscountFallback(true))
            .estimate(TestCorpus.sentences("a b c", "a b d"), ProgressListener.NONE);
    for (Discounts discounts : result.discounts()) {
      assertEquals(0.5, discounts.d1());
      assertEquals(1.0, discounts.d2());
      assertEquals(1.5, discounts.d3Plus());
    }
    double p = Math.pow(10, result.model().log10Probability(ids(result.model(), "a", "b"), 2));
    assertTrue(p > 0 && p < 1);
  }

  @Test
  void markerTokensInTheTextAreSkippedAsLmplzDoes() {
    List<String[]> plain = TestCorpus.brownLines(400);
    List<String[]> marked = new ArrayList<>();
    for (String[] sentence : plain) {
      String[] withMarkers = new String[sentence.length + 3];
      withMarkers[0] = "<s>";
      System.arraycopy(sentence, 0, withMarkers, 1, sentence.length);
      withMarkers[sentence.length + 1] = "<unk>";
      withMarkers[sentence.length + 2] = "</s>";
      marked.add(withMarkers);
    }
    NgramModel expected = TestCorpus.estimateWithFallback(3, plain);
    NgramModel actual = TestCorpus.estimateWithFallback(3, marked);
    assertEquals(expected.totalNgrams(), actual.totalNgrams());
    String[] sentence = plain.get(7);
    assertEquals(
        new TextScorer(expected).score(sentence).log10Probability(),
        new TextScorer(actual).score(sentence).log10Probability(),
        1e-9);
  }

  @Test
  void wordIdsPutMarkersFirstThenWordsByDescendingProbability() {
    NgramModel model = ReferenceData.estimated(3).model();
    Vocabulary vocabulary = model.vocabulary();
    assertEquals("<unk>", vocabulary.word(0));
    assertEquals("<s>", vocabulary.word(1));
    assertEquals("</s>", vocabulary.word(2));
    for (int id = 4; id < vocabulary.size(); id++) {
      double before = model.log10Probability(new int[0], id - 1);
      double current = model.log10Probability(new int[0], id);
      assertTrue(before >= current, "ids " + (id - 1) + " and " + id);
      if (before == current) {
        assertTrue(vocabulary.word(id - 1).compareTo(vocabulary.word(id)) < 0);
      }
    }
  }

  @Test
  void pretokenizedFileAndSentenceIterableGiveTheSameModel(@TempDir Path directory)
      throws Exception {
    List<String[]> sentences = TestCorpus.brownLines(500);
    Path file = directory.resolve("train.txt");
    Files.write(file, sentences.stream().map(s -> String.join("  ", s)).toList());
    NgramModel fromFile =
        new KneserNeyEstimator(EstimationOptions.ofOrder(3).withDiscountFallback(true))
            .estimatePretokenized(file, ProgressListener.NONE)
            .model();
    NgramModel fromIterable = TestCorpus.estimateWithFallback(3, sentences);
    assertEquals(fromIterable.totalNgrams(), fromFile.totalNgrams());
    String[] probe = ReferenceData.testSentences().get(3);
    assertEquals(
        new TextScorer(fromIterable).score(probe).log10Probability(),
        new TextScorer(fromFile).score(probe).log10Probability());
  }

  @Test
  void progressReportsEachPhase() {
    List<String> phases = new ArrayList<>();
    new KneserNeyEstimator(EstimationOptions.ofOrder(3).withDiscountFallback(true))
        .estimate(TestCorpus.brownLines(100), (phase, done, total) -> phases.add(phase));
    assertTrue(phases.containsAll(List.of("reading", "counting", "smoothing")), phases.toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 6})
  void everyOrderFromOneToSixEstimatesANormalizedModel(int order) {
    NgramModel model = TestCorpus.estimateWithFallback(order, TestCorpus.brownLines(2000));
    assertEquals(order, model.order());
    int[] context = ids(model, "of", "the", "county", "grand", "jury");
    int[] suffix =
        Arrays.copyOfRange(context, Math.max(0, context.length - order + 1), context.length);
    double sum = 0;
    for (int word = 0; word < model.vocabulary().size(); word++) {
      sum += word == Vocabulary.BOS ? 0 : Math.pow(10, model.log10Probability(suffix, word));
    }
    assertEquals(1.0, sum, 1e-6);
  }

  @Test
  void pruningDropsRareNgramsButKeepsEveryPrefixAndSuffix() {
    List<String[]> corpus = TestCorpus.brownLines(3000);
    NgramModel full = TestCorpus.estimate(3, corpus);
    NgramModel pruned =
        new KneserNeyEstimator(EstimationOptions.ofOrder(3).withPruneThresholds(List.of(0, 1)))
            .estimate(corpus, ProgressListener.NONE)
            .model();
    assertEquals(full.ngramCount(1), pruned.ngramCount(1));
    assertTrue(pruned.ngramCount(2) < full.ngramCount(2) / 2);
    assertTrue(pruned.ngramCount(3) < full.ngramCount(3) / 2);
    assertSuffixClosed(pruned);
  }

  @Test
  void pruningKeepsPerplexityClose() {
    List<String[]> corpus = TestCorpus.brownLines(3000);
    NgramModel pruned =
        new KneserNeyEstimator(EstimationOptions.ofOrder(3).withPruneThresholds(List.of(0, 0, 1)))
            .estimate(corpus, ProgressListener.NONE)
            .model();
    double full =
        new TextScorer(TestCorpus.estimate(3, corpus))
            .perplexity(ReferenceData.testSentences())
            .perplexity();
    double smaller = new TextScorer(pruned).perplexity(ReferenceData.testSentences()).perplexity();
    assertTrue(smaller < full * 1.1, full + " vs " + smaller);
  }

  /** Every stored n-gram's suffix (drop the first word) is stored too. */
  private static void assertSuffixClosed(NgramModel model) {
    for (int level = 1; level < model.order(); level++) {
      for (int parent = 0; parent < model.ngramCount(level); parent++) {
        for (int child = model.childStart(level - 1, parent);
            child < model.childEnd(level - 1, parent);
            child++) {
          int[] words = wordsOf(model, level, child);
          int node = words[1];
          for (int j = 2; j < words.length && node >= 0; j++) {
            node = model.findChild(j - 2, node, words[j]);
          }
          assertFalse(node < 0, "suffix missing at order " + (level + 1));
        }
      }
    }
  }

  /** The words of a node, found by walking up through the parents' child ranges. */
  private static int[] wordsOf(NgramModel model, int level, int node) {
    int[] words = new int[level + 1];
    for (int l = level; l > 0; l--) {
      words[l] = model.word(l, node);
      IntColumn starts = model.childStarts(l - 1);
      int low = 0;
      int high = starts.length() - 2;
      while (low < high) {
        int middle = (low + high + 1) >>> 1;
        if (starts.get(middle) <= node) {
          low = middle;
        } else {
          high = middle - 1;
        }
      }
      while (starts.get(low + 1) <= node) {
        low++;
      }
      node = low;
    }
    words[0] = node;
    return words;
  }

  private static int[] ids(NgramModel model, String... words) {
    int[] ids = new int[words.length];
    for (int i = 0; i < words.length; i++) {
      ids[i] = model.vocabulary().id(words[i]);
    }
    return ids;
  }
}
