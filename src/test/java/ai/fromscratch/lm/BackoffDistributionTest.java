package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A distribution scores appended words only when it is next asked: whatever words came in between,
 * and however many, it gives what a distribution asked after every word gives, and what the model
 * scores for the whole history.
 */
class BackoffDistributionTest {
  private static NgramModel model;
  private static TextGenerator generator;

  @BeforeAll
  static void estimate() {
    model = TestCorpus.estimateWithFallback(4, TestCorpus.brownLines(2000));
    generator = new TextGenerator(model, new WordTokenizer(true));
  }

  @Test
  void askingOnlyNowGivesWhatAskingAfterEveryWordGives() {
    SplittableRandom random = new SplittableRandom(11);
    int size = model.vocabulary().size();
    for (int round = 0; round < 300; round++) {
      NextWordDistribution askedNow = generator.newDistribution();
      NextWordDistribution askedEachTime = generator.newDistribution();
      List<Integer> history = new ArrayList<>();
      history.add(Vocabulary.BOS);
      int words = random.nextInt(12);
      for (int i = 0; i < words; i++) {
        // Mostly a corpus word's likely successor, so that long contexts are matched too.
        int word =
            random.nextInt(4) == 0
                ? Vocabulary.EOS + random.nextInt(size - 2)
                : next(askedEachTime, random);
        askedNow.append(word);
        askedEachTime.append(word);
        askedEachTime.probability(Vocabulary.EOS);
        history.add(word);
      }
      int[] context = history.stream().mapToInt(Integer::intValue).toArray();
      for (int probe = 0; probe < 20; probe++) {
        int word = Vocabulary.EOS + random.nextInt(size - 2);
        double expected = Math.pow(10, model.log10Probability(context, word));
        assertEquals(expected, askedNow.probability(word), 1e-9 * expected, "round " + round);
        assertEquals(expected, askedEachTime.probability(word), 1e-9 * expected);
      }
      assertEquals(offered(askedEachTime), offered(askedNow), "round " + round);
    }
  }

  /** The most probable of the words the longest context offers, or {@code </s>}. */
  private static int next(NextWordDistribution distribution, SplittableRandom random) {
    Candidates candidates = new Candidates();
    WordSet offered = new WordSet();
    distribution.rewind();
    distribution.offerNextLevel(candidates, offered);
    return candidates.size() == 0
        ? Vocabulary.EOS
        : candidates.word(random.nextInt(candidates.size()));
  }

  /** Every level's words and probabilities, in the order offered, then the most probable rest. */
  private static List<String> offered(NextWordDistribution distribution) {
    Candidates candidates = new Candidates();
    WordSet offered = new WordSet();
    distribution.rewind();
    while (distribution.offerNextLevel(candidates, offered)) {
      // every level into one list
    }
    distribution.offerMostProbable(50, candidates, offered);
    List<String> words = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      words.add(candidates.word(i) + ":" + (float) candidates.probability(i));
    }
    return words;
  }
}
