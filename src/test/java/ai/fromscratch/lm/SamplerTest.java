package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SamplerTest {
  private static NgramModel model;
  private static TextGenerator generator;

  @BeforeAll
  static void estimate() {
    model = TestCorpus.estimateWithFallback(3, TestCorpus.brownLines(2000));
    generator = new TextGenerator(model, new WordTokenizer(true));
  }

  @Test
  void plainSamplingFollowsTheModelsDistribution() {
    int[] context = {model.vocabulary().id("of"), model.vocabulary().id("the")};
    NextWordDistribution distribution = generator.newDistribution();
    for (int word : context) {
      distribution.append(word);
    }
    Sampler sampler = new Sampler(SamplingOptions.DEFAULTS.withSeed(1L));
    int draws = 400_000;
    int[] counts = new int[model.vocabulary().size()];
    for (int i = 0; i < draws; i++) {
      counts[sampler.next(distribution)]++;
    }
    double unknown = Math.pow(10, model.log10Probability(context, Vocabulary.UNK));
    for (int word = 0; word < counts.length; word++) {
      double expected =
          BackoffDistribution.isForbidden(word)
              ? 0
              : Math.pow(10, model.log10Probability(context, word)) / (1 - unknown);
      double sigma = Math.sqrt(draws * expected * (1 - expected));
      assertEquals(draws * expected, counts[word], 5 * sigma + 2, model.vocabulary().word(word));
    }
  }

  @Test
  void excludedWordsAreNeverDrawnAndTheRestKeepTheirProportions() {
    int[] context = {model.vocabulary().id("of"), model.vocabulary().id("the")};
    int excluded =
        IntStream.range(0, model.vocabulary().size())
            .filter(word -> !BackoffDistribution.isForbidden(word))
            .boxed()
            .max(Comparator.comparingDouble(w -> model.log10Probability(context, w)))
            .orElseThrow();
    NextWordDistribution distribution = generator.newDistribution();
    for (int word : context) {
      distribution.append(word);
    }
    Sampler sampler = new Sampler(SamplingOptions.DEFAULTS.withSeed(2L), excluded);
    int draws = 400_000;
    int[] counts = new int[model.vocabulary().size()];
    for (int i = 0; i < draws; i++) {
      counts[sampler.next(distribution)]++;
    }
    assertEquals(0, counts[excluded]);
    double left =
        1
            - Math.pow(10, model.log10Probability(context, Vocabulary.UNK))
            - Math.pow(10, model.log10Probability(context, excluded));
    for (int word = 0; word < counts.length; word++) {
      if (word == excluded || BackoffDistribution.isForbidden(word)) {
        continue;
      }
      double expected = Math.pow(10, model.log10Probability(context, word)) / left;
      double sigma = Math.sqrt(draws * expected * (1 - expected));
      assertEquals(draws * expected, counts[word], 5 * sigma + 2, model.vocabulary().word(word));
    }
  }

  @Test
  void greedyTakesTheMostProbableWordThatIsNotExcluded() {
    SamplingOptions greedy = SamplingOptions.DEFAULTS.withTemperature(0).withMaxTokens(1);
    String first = generator.generate("one of the", greedy).tokens().get(0);
    String second =
        generator.generate("one of the", greedy.withExcludedTokens(Set.of(first))).tokens().get(0);
    assertNotEquals(first, second);
  }

  @Test
  void neverProducesSentenceStartOrUnknown() {
    for (SamplingOptions options :
        new SamplingOptions[] {
          SamplingOptions.DEFAULTS, SamplingOptions.DEFAULTS.withTemperature(3).withTopP(0.99)
        }) {
      Sampler sampler = new Sampler(options.withSeed(3L));
      NextWordDistribution distribution = generator.newDistribution();
      distribution.append(Vocabulary.UNK);
      for (int i = 0; i < 20_000; i++) {
        int word = sampler.next(distribution);
        assertTrue(word != Vocabulary.BOS && word != Vocabulary.UNK);
      }
    }
  }

  @Test
  void sameSeedGivesSameText() {
    SamplingOptions options = SamplingOptions.DEFAULTS.withSeed(42L).withMaxTokens(30);
    assertEquals(generator.generate("the jury", options), generator.generate("the jury", options));
    assertNotEquals(
        generator.generate("the jury", options).text(),
        generator.generate("the jury", options.withSeed(43L)).text());
  }

  @Test
  void zeroTemperatureIsDeterministic() {
    SamplingOptions greedy = SamplingOptions.DEFAULTS.withTemperature(0).withMaxTokens(15);
    assertEquals(
        generator.generate("the", greedy.withSeed(1L)).text(),
        generator.generate("the", greedy.withSeed(2L)).text());
  }

  @Test
  void topKOfOnePicksTheMostProbableWord() {
    for (String previous : new String[] {"united", "the", "zzzz"}) {
      int[] context = {Vocabulary.BOS, model.vocabulary().id(previous)};
      int best = Vocabulary.EOS;
      for (int word = Vocabulary.EOS; word < model.vocabulary().size(); word++) {
        if (model.log10Probability(context, word) > model.log10Probability(context, best)) {
          best = word;
        }
      }
      NextWordDistribution distribution = generator.newDistribution();
      distribution.append(context[1]);
      Sampler sampler = new Sampler(SamplingOptions.DEFAULTS.withTopK(1).withSeed(9L));
      assertEquals(best, sampler.next(distribution), previous);
    }
  }

  @Test
  void lowTopPKeepsFewWords() {
    Set<Integer> seen = new HashSet<>();
    Sampler sampler = new Sampler(SamplingOptions.DEFAULTS.withTopP(0.05).withSeed(5L));
    NextWordDistribution distribution = generator.newDistribution();
    distribution.append(model.vocabulary().id("the"));
    for (int i = 0; i < 2_000; i++) {
      seen.add(sampler.next(distribution));
    }
    assertTrue(seen.size() <= 3, seen.toString());
  }

  @Test
  void levelsOfferEachWordOnceWithItsFullProbability() {
    int[] context = {model.vocabulary().id("in"), model.vocabulary().id("the")};
    NextWordDistribution distribution = generator.newDistribution();
    for (int word : context) {
      distribution.append(word);
    }
    WordSet offered = new WordSet();
    Candidates candidates = new Candidates();
    double total = 0;
    int levels = 0;
    while (distribution.offerNextLevel(candidates, offered)) {
      levels++;
      for (int i = 0; i < candidates.size(); i++) {
        assertEquals(
            Math.pow(10, model.log10Probability(context, candidates.word(i))),
            candidates.probability(i),
            1e-9);
      }
      total += candidates.total();
      candidates.clear();
    }
    assertEquals(2, levels);
    assertTrue(total > 0.5 && total < 1, "mass offered by the contexts: " + total);
  }
}
