package ai.fromscratch.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairParserTest {
  private static final List<QaPair> TWO =
      List.of(
          new QaPair("What is a kettle?", "A pot for boiling water."), new QaPair("Why?", "Tea."));

  @Test
  void aPlainJsonList() {
    assertEquals(
        new PairParser.Parsed(TWO, 0),
        PairParser.parse(
            "[{\"question\": \"What is a kettle?\", \"answer\": \"A pot for boiling water.\"},"
                + " {\"question\": \"Why?\", \"answer\": \"Tea.\"}]"));
  }

  @Test
  void aFencedBlockAmongProse() {
    assertEquals(
        new PairParser.Parsed(TWO, 0),
        PairParser.parse(
            "Sure! Here are the pairs:\n```json\n[{\"question\": \"What is a kettle?\", \"answer\":"
                + " \"A pot for boiling water.\"}, {\"q\": \"Why?\", \"a\": \"Tea.\"}]\n```\nEnjoy."));
  }

  @Test
  void jsonLinesAndAnObjectHoldingAList() {
    assertEquals(
        new PairParser.Parsed(TWO, 0),
        PairParser.parse(
            "{\"prompt\": \"What is a kettle?\", \"response\": \"A pot for boiling water.\"},\n"
                + "{\"instruction\": \"Why?\", \"output\": \"Tea.\"}"));
    assertEquals(
        new PairParser.Parsed(TWO, 0),
        PairParser.parse(
            "{\"pairs\": [{\"Question\": \"What is a kettle?\", \"Answer\": \"A pot for boiling"
                + " water.\"}, {\"question\": \" Why? \", \"answer\": \"Tea.\"}]}"));
  }

  @Test
  void entriesThatAreNotWholePairsAreSkippedAndCounted() {
    PairParser.Parsed parsed =
        PairParser.parse(
            "[{\"question\": \"Why?\", \"answer\": \"Tea.\"}, {\"question\": \"no answer\"},"
                + " {\"question\": \"\", \"answer\": \"blank\"}, \"just text\", 42,"
                + " {\"question\": 1, \"answer\": 2}]");
    assertEquals(List.of(new QaPair("Why?", "Tea.")), parsed.pairs());
    assertEquals(5, parsed.skipped());
  }

  @Test
  void proseWithoutAnyJsonIsOneSkippedAnswer() {
    assertEquals(new PairParser.Parsed(List.of(), 1), PairParser.parse("I cannot help with that."));
    assertEquals(
        new PairParser.Parsed(List.of(new QaPair("Why?", "Tea.")), 1),
        PairParser.parse(
            "{\"question\": \"Why?\", \"answer\": \"Tea.\"}\n{\"question\": \"broken"));
  }

  @Test
  void questionsWrittenAlikeShareTheirKey() {
    assertEquals(
        new QaPair("What is a Kettle?", "x").key(), new QaPair("what is a kettle", "y").key());
  }

  @Test
  void retryAfterIsReadInSecondsOrAsADate() {
    assertEquals(Duration.ofSeconds(2), GroqClient.retryAfter("2"));
    assertEquals(Duration.ofMillis(1500), GroqClient.retryAfter("1.5"));
    assertNull(GroqClient.retryAfter(null));
    assertNull(GroqClient.retryAfter("soon"));
    String inTenSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
    Duration wait = GroqClient.retryAfter(inTenSeconds);
    assertNotNull(wait);
    assertEquals(10, wait.toSeconds(), 2);
  }

  @Test
  void thePromptAsksForTheCountWithExamplesAndAvoidsWhatWasWritten() {
    String prompt =
        SynthPrompt.user("kettles", 5, List.of(new QaPair("Why?", "Tea.")), List.of("Old one?"));
    assertEquals(true, prompt.contains("Write 5 new"));
    assertEquals(true, prompt.contains("{\"question\":\"Why?\",\"answer\":\"Tea.\"}"));
    assertEquals(true, prompt.contains("- Old one?"));
  }
}
