package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our estimator, our ARPA reader and our ARPA export against lmplz and query on the Brown sample.
 */
class KneserNeyReferenceTest {
  private static final double LOG10_TOLERANCE = 1e-4;
  private static final double RELATIVE_TOLERANCE = 1e-4;

  /** From the reference README: per order, D1 / D2 / D3+. */
  private static final double[][][] DISCOUNTS = {
    {},
    {},
    {},
    {{0.601172, 1.05038, 1.6429}, {0.81329, 1.19894, 1.51682}, {0.905428, 1.3061, 1.36905}},
    {
      {0.601172, 1.05038, 1.6429},
      {0.81329, 1.19894, 1.51682},
      {0.921221, 1.32585, 1.3333},
      {0.962846, 1.467, 1.55055}
    }
  };

  private static final int[][] COUNTS = {
    {}, {}, {}, {12466, 65525, 99499}, {12466, 65525, 99499, 107194}
  };
  private static final double[][] PERPLEXITIES = {
    {}, {}, {}, {352.76837, 225.70222}, {350.15716, 224.09924}
  };

  static Stream<Arguments> models() {
    return Stream.of(3, 4)
        .flatMap(
            order ->
                Stream.of(
                    Arguments.of(order, "estimated", ReferenceData.estimated(order).model()),
                    Arguments.of(
                        order, "estimated in a small budget", ReferenceData.spilled(order).model()),
                    Arguments.of(order, "lmplz ARPA", ReferenceData.lmplzArpa(order)),
                    Arguments.of(order, "exported ARPA", reimported(order))));
  }

  private static NgramModel reimported(int order) {
    try {
      StringWriter arpa = new StringWriter();
      ArpaWriter.write(ReferenceData.estimated(order).model(), arpa);
      return ArpaReader.read(new BufferedReader(new StringReader(arpa.toString())), "export");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4})
  void discountsPerOrderEqualLmplz(int order) {
    List<Discounts> discounts = ReferenceData.estimated(order).discounts();
    for (int k = 1; k <= order; k++) {
      double[] expected = DISCOUNTS[order][k - 1];
      Discounts actual = discounts.get(k - 1);
      assertEquals(expected[0], actual.d1(), 1e-4, "D1 of order " + k);
      assertEquals(expected[1], actual.d2(), 1e-4, "D2 of order " + k);
      assertEquals(expected[2], actual.d3Plus(), 1e-4, "D3+ of order " + k);
    }
  }

  @ParameterizedTest(name = "order {0}, {1}")
  @MethodSource("models")
  void ngramCountsPerOrderEqualLmplz(int order, String source, NgramModel model) {
    for (int k = 1; k <= order; k++) {
      assertEquals(COUNTS[order][k - 1], model.ngramCount(k), source + " order " + k);
    }
  }

  @ParameterizedTest(name = "order {0}, {1}")
  @MethodSource("models")
  void sentenceScoresEqualQuery(int order, String source, NgramModel model) {
    TextScorer scorer = new TextScorer(model);
    List<String[]> sentences = ReferenceData.testSentences();
    List<double[]> expected = ReferenceData.sentenceScores(order);
    assertEquals(expected.size(), sentences.size());
    for (int i = 0; i < sentences.size(); i++) {
      SentenceScore score = scorer.score(sentences.get(i));
      assertEquals(
          expected.get(i)[0], score.log10Probability(), LOG10_TOLERANCE, "line " + (i + 1));
      assertEquals((int) expected.get(i)[1], score.oovs(), "OOVs on line " + (i + 1));
    }
  }

  @ParameterizedTest(name = "order {0}, {1}")
  @MethodSource("models")
  void perplexitiesEqualQuery(int order, String source, NgramModel model) {
    PerplexityReport report = new TextScorer(model).perplexity(ReferenceData.testSentences());
    double[] expected = PERPLEXITIES[order];
    assertEquals(expected[0], report.perplexity(), expected[0] * RELATIVE_TOLERANCE);
    assertEquals(expected[1], report.perplexityExcludingOovs(), expected[1] * RELATIVE_TOLERANCE);
    assertEquals(861, report.oovs());
    assertEquals(12262, report.tokens());
  }

  @Test
  void eachWordScoresAsQueryPrintsIt() {
    NgramModel model = ReferenceData.estimated(4).model();
    // query's per-word output, tab-separated: word=vocab_id ngram_length log10p
    String[] expected =
        String.join("\t", ReferenceData.lines("brown-small.o4.test.first3.words.txt")).split("\t+");
    List<String[]> sentences = ReferenceData.testSentences();
    int next = 0;
    for (String[] sentence : sentences.subList(0, 3)) {
      ContextState state = model.sentenceStart();
      ContextState after = model.newState();
      for (int i = 0; i <= sentence.length; i++) {
        String[] fields = expected[next++].split(" ");
        String word = i < sentence.length ? sentence[i] : Vocabulary.EOS_WORD;
        assertEquals(word, fields[0].substring(0, fields[0].lastIndexOf('=')));
        float log10 = model.score(state, model.vocabulary().id(word), after);
        assertEquals(Double.parseDouble(fields[2]), log10, 1e-5, expected[next - 1]);
        assertEquals(Integer.parseInt(fields[1]), after.ngramLength(), expected[next - 1]);
        ContextState swap = state;
        state = after;
        after = swap;
      }
    }
    assertEquals(expected.length, next);
  }

  @Test
  void unknownWordProbabilityEqualsLmplz() {
    NgramModel ours = ReferenceData.estimated(4).model();
    NgramModel lmplz = ReferenceData.lmplzArpa(4);
    assertEquals(
        lmplz.log10Probability(new int[0], Vocabulary.UNK),
        ours.log10Probability(new int[0], Vocabulary.UNK),
        1e-6);
  }
}
