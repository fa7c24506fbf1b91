package ai.fromscratch.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AnswerDecoderTest {

  @Test
  void whenTheCopiesDecideAStepNoMixOfTheModelsChangesItsWinner() {
    SplittableRandom random = new SplittableRandom(17);
    int decided = 0;
    for (int trial = 0; trial < 20_000; trial++) {
      int words = 2 + random.nextInt(6);
      double[] copies = distribution(random, words, 1 + random.nextInt(words));
      // The models' mix puts its mass anywhere, most of all on the copies' runner-up.
      double[] models = distribution(random, words, words);
      double spread = random.nextDouble();
      for (int w = 0; w < words; w++) {
        models[w] *= spread;
      }
      int runnerUp = secondBest(copies);
      models[runnerUp] += 1 - spread;
      double lambda = random.nextDouble();
      int best = best(copies);
      if (AnswerDecoder.copiesDecide(lambda, copies[best], copies[runnerUp])) {
        decided++;
        double[] mixed = new double[words];
        for (int w = 0; w < words; w++) {
          mixed[w] = lambda * copies[w] + (1 - lambda) * models[w];
        }
        assertEquals(best, best(mixed), "trial " + trial);
      }
    }
    assertTrue(decided > 1000, "decided " + decided);
  }

  @Test
  void aStepIsLeftToTheModelsWhenTheyCouldOutweighTheCopies() {
    assertTrue(AnswerDecoder.copiesDecide(0.95, 1.0, 0.0));
    assertFalse(AnswerDecoder.copiesDecide(0.5, 1.0, 0.0));
    assertFalse(AnswerDecoder.copiesDecide(0.95, 0.5, 0.5));
    assertTrue(AnswerDecoder.copiesDecide(0.9, 0.6, 0.4));
    assertFalse(AnswerDecoder.copiesDecide(0.8, 0.6, 0.4));
  }

  /** A distribution over {@code words} words whose mass lies on the first {@code support}. */
  private static double[] distribution(SplittableRandom random, int words, int support) {
    double[] p = new double[words];
    double total = 0;
    for (int w = 0; w < support; w++) {
      p[w] = random.nextDouble() * random.nextDouble();
      total += p[w];
    }
    for (int w = 0; w < support; w++) {
      p[w] /= total;
    }
    return p;
  }

  private static int best(double[] p) {
    int best = 0;
    for (int w = 1; w < p.length; w++) {
      if (p[w] > p[best]) {
        best = w;
      }
    }
    return best;
  }

  private static int secondBest(double[] p) {
    int best = best(p);
    int second = best == 0 ? 1 : 0;
    for (int w = 0; w < p.length; w++) {
      if (w != best && p[w] > p[second]) {
        second = w;
      }
    }
    return second;
  }
}
