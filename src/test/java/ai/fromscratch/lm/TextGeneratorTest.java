package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TextGeneratorTest {
  private static TextGenerator generator;

  @BeforeAll
  static void estimate() {
    NgramModel model = TestCorpus.estimateWithFallback(3, TestCorpus.brownLines(2000));
    generator = new TextGenerator(model, new WordTokenizer(true));
  }

  @Test
  void stopsAtTheTokenLimit() {
    Generation generation =
        generator.generate(
            "the", SamplingOptions.DEFAULTS.withMaxTokens(3).withSeed(1L).withTemperature(0));
    assertTrue(generation.tokens().size() <= 3);
    if (generation.tokens().size() == 3) {
      assertEquals(StopReason.MAX_TOKENS, generation.stopReason());
    }
  }

  @Test
  void endsAtSentenceEndWithoutShowingIt() {
    Generation generation =
        generator.generate("the", SamplingOptions.DEFAULTS.withMaxTokens(1000).withSeed(2L));
    assertEquals(StopReason.END_OF_SENTENCE, generation.stopReason());
    assertFalse(generation.tokens().contains("</s>"));
  }

  @Test
  void stopTokenEndsGenerationAndIsNotIncluded() {
    SamplingOptions options =
        SamplingOptions.DEFAULTS
            .withMaxTokens(1000)
            .withStopTokens(Set.of("the", ",", "."))
            .withSeed(3L);
    for (int seed = 0; seed < 20; seed++) {
      Generation generation = generator.generate("in", options.withSeed((long) seed));
      assertFalse(generation.tokens().stream().anyMatch(Set.of("the", ",", ".")::contains));
    }
  }

  @Test
  void stopStringCutsTheTextAndStreamedPiecesMatchIt() {
    SamplingOptions options =
        SamplingOptions.DEFAULTS
            .withMaxTokens(200)
            .withStopStrings(List.of("e "))
            .withTemperature(1.5);
    int stopped = 0;
    for (long seed = 0; seed < 30; seed++) {
      StringBuilder streamed = new StringBuilder();
      Generation generation =
          generator.generate(
              "the",
              options.withSeed(seed),
              (token, piece) -> {
                streamed.append(piece);
                return true;
              });
      assertFalse(generation.text().contains("e "), generation.text());
      assertEquals(generation.text(), streamed.toString());
      if (generation.stopReason() == StopReason.STOP_STRING) {
        stopped++;
      }
    }
    assertTrue(stopped > 10, "stopped on the string " + stopped + " times");
  }

  @Test
  void sinkCanStopTheStream() {
    List<String> received = new ArrayList<>();
    Generation generation =
        generator.generate(
            "the",
            SamplingOptions.DEFAULTS.withMaxTokens(100).withSeed(4L).withTemperature(0.01),
            (token, piece) -> {
              received.add(token);
              return received.isEmpty();
            });
    assertEquals(StopReason.CANCELLED, generation.stopReason());
    assertEquals(received, generation.tokens());
    assertEquals(1, received.size());
  }

  @Test
  void unknownPromptWordsStillGenerate() {
    Generation generation =
        generator.generate("zyxwv qqq", SamplingOptions.DEFAULTS.withMaxTokens(5).withSeed(6L));
    assertFalse(generation.text().contains("<unk>"));
  }
}
