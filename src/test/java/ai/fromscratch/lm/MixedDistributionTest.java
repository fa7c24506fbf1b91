package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MixedDistributionTest {
  private static final NgramModel MAIN =
      new KneserNeyEstimator(EstimationOptions.ofOrder(3))
          .estimate(TestCorpus.brownLines(2000), ProgressListener.NONE)
          .model();
  private static final NgramModel CONTEXT =
      new KneserNeyEstimator(EstimationOptions.ofOrder(3).withDiscountFallback(true))
          .estimate(
              List.of(
                  "the jury said the county is a fine place .".split(" "),
                  "the jury praised the zyxqv of the city .".split(" "),
                  "the county voted to build a bridge .".split(" ")),
              ProgressListener.NONE)
          .model();
  private static final WordTokenizer TOKENIZER = new WordTokenizer(true);

  private static MixedDistribution mixed(double weight) {
    return new MixedDistribution(
        new TextGenerator(MAIN, TOKENIZER).newDistribution(),
        MAIN.vocabulary(),
        new TextGenerator(CONTEXT, TOKENIZER).newDistribution(),
        CONTEXT.vocabulary(),
        weight);
  }

  private static void history(NextWordDistribution distribution, String... words) {
    distribution.reset();
    for (String word : words) {
      distribution.append(MAIN.vocabulary().id(word));
    }
  }

  @Test
  void mixedProbabilitiesSumToOneOverTheMainVocabulary() {
    MixedDistribution distribution = mixed(0.6);
    for (String[] context :
        List.of(
            new String[] {},
            new String[] {"the", "jury"},
            new String[] {"the"},
            new String[] {"county", "voted"},
            new String[] {"unseen", "words"})) {
      history(distribution, context);
      double sum = 0;
      for (int word = 0; word < MAIN.vocabulary().size(); word++) {
        if (word != Vocabulary.BOS) {
          sum += distribution.probability(word);
        }
      }
      assertEquals(1.0, sum, 1e-6, String.join(" ", context));
    }
  }

  @Test
  void everyOfferedWordCarriesItsFullMixedProbabilityOnce() {
    MixedDistribution distribution = mixed(0.6);
    history(distribution, "the", "jury");
    WordSet offered = new WordSet();
    Candidates level = new Candidates();
    int seen = 0;
    double total = 0;
    while (true) {
      level.clear();
      if (!distribution.offerNextLevel(level, offered)) {
        break;
      }
      for (int i = 0; i < level.size(); i++) {
        double full = distribution.probability(level.word(i));
        // Levels scale stored probabilities, scoring sums log10 floats: equal to float precision.
        assertEquals(full, level.probability(i), full * 1e-6);
        total += level.probability(i);
      }
      seen += level.size();
    }
    assertEquals(seen, offered.size() - countForbidden(offered));
    assertTrue(total < 1.0 + 1e-9, "offered mass " + total);
  }

  private static int countForbidden(WordSet offered) {
    return (offered.contains(Vocabulary.UNK) ? 1 : 0) + (offered.contains(Vocabulary.BOS) ? 1 : 0);
  }

  @Test
  void zeroWeightIsTheMainModel() {
    MixedDistribution distribution = mixed(0);
    NextWordDistribution main = new TextGenerator(MAIN, TOKENIZER).newDistribution();
    history(distribution, "the", "county");
    history(main, "the", "county");
    for (int word = 0; word < MAIN.vocabulary().size(); word += 97) {
      assertEquals(main.probability(word), distribution.probability(word), 1e-12);
    }
  }

  @Test
  void contextModelSteersTheNextWord() {
    MixedDistribution distribution = mixed(0.6);
    NextWordDistribution main = new TextGenerator(MAIN, TOKENIZER).newDistribution();
    history(distribution, "build", "a");
    history(main, "build", "a");
    int bridge = MAIN.vocabulary().id("bridge");

    assertTrue(distribution.probability(bridge) > 0.3, "p " + distribution.probability(bridge));
    assertTrue(
        distribution.probability(bridge) > 10 * main.probability(bridge),
        distribution.probability(bridge) + " vs " + main.probability(bridge));
  }

  @Test
  void samplingFollowsTheMixedDistribution() {
    SamplingOptions options = SamplingOptions.DEFAULTS.withMaxTokens(1).withSeed(11L);
    Sampler sampler = new Sampler(options);
    MixedDistribution distribution = mixed(0.6);
    history(distribution, "the", "jury");
    int said = MAIN.vocabulary().id("said");
    double expected = distribution.probability(said);
    int draws = 40_000;
    int hits = 0;
    for (int i = 0; i < draws; i++) {
      hits += sampler.next(distribution) == said ? 1 : 0;
    }
    double allowed = 1 - distribution.probability(Vocabulary.UNK);
    double p = expected / allowed;
    double sigma = Math.sqrt(draws * p * (1 - p));
    assertEquals(draws * p, hits, 5 * sigma);
  }

  @Test
  void weightOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> mixed(1.5));
  }
}
