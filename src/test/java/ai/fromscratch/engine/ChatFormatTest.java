package ai.fromscratch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.fromscratch.dataset.Turn;
import ai.fromscratch.lm.WordTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatFormatTest {
  private final WordTokenizer tokenizer = new WordTokenizer(true);

  @Test
  void questionAndAnswerBecomeOneSentenceMarkedByRole() {
    List<List<String>> sentences =
        ChatFormat.sentences(
            List.of(new Turn(Turn.USER, "Why so blue?"), new Turn(Turn.ASSISTANT, "Sky. Light.")),
            tokenizer);

    assertEquals(
        List.of(List.of("<user>", "why", "so", "blue", "<assistant>", "sky", ".", "light", ".")),
        sentences);
  }

  @Test
  void longConversationsGiveOneSentencePerExchangeAndSkipSystemTurns() {
    List<List<String>> sentences =
        ChatFormat.sentences(
            List.of(
                new Turn(Turn.SYSTEM, "Be brief."),
                new Turn(Turn.USER, "hi"),
                new Turn(Turn.ASSISTANT, "hello"),
                new Turn(Turn.USER, "bye")),
            tokenizer);

    assertEquals(
        List.of(List.of("<user>", "hi", "<assistant>", "hello"), List.of("<user>", "bye")),
        sentences);
  }

  @Test
  void plainTextIsCutIntoItsSentences() {
    assertEquals(
        List.of(List.of("one", "two", "."), List.of("three", "!"), List.of("four")),
        ChatFormat.sentences(List.of(new Turn(Turn.TEXT, "One two. Three! Four")), tokenizer));
  }

  @Test
  void promptAsksForTheAssistantTurn() {
    assertEquals(
        List.of("<user>", "what", "is", "it", "<assistant>"),
        ChatFormat.prompt("What is it?", tokenizer));
  }

  @Test
  void aQuestionWithOrWithoutItsQuestionMarkPromptsAlike() {
    assertEquals(
        ChatFormat.prompt("What is the capital of France?!", tokenizer),
        ChatFormat.prompt("what is the capital of france", tokenizer));
  }

  @Test
  void aQuestionMadeOnlyOfPunctuationKeepsItsMarker() {
    assertEquals(List.of("<user>", "<assistant>"), ChatFormat.prompt("?", tokenizer));
  }
}
