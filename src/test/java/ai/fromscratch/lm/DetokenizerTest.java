package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DetokenizerTest {
  private final WordTokenizer tokenizer = new WordTokenizer(false);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary"
            + " election produced ``no evidence'' that any irregularities took place.",
        "He said, \"I don't think we'll win (not this year) -- but maybe next.\"",
        "Prices rose 3.5% to $1,200 at 10:30 a.m. on Jan. 5, 1961; then fell.",
        "She asked: 'Where are the boys' toys?' Nobody knew!",
        "Mrs. O'Brien's well-known recipe [see p. 12] isn't {really} secret…",
        "Il a dit « bonjour » à l'élève — c'est tout.",
        "It's 50/50, isn't it?"
      })
  void tokenizingTheDetokenizedTokensGivesTheSameTokens(String sentence) {
    List<String> tokens = tokenizer.tokenize(sentence);
    assertEquals(tokens, tokenizer.tokenize(Detokenizer.detokenize(tokens)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "he said , ` ` no evidence ' ' that it was .|he said, ``no evidence'' that it was.",
        "i don ' t know what it ' s for|i don't know what it's for",
        "the boys ' toys ( and hats ) are here !|the boys' toys (and hats) are here!",
        "he said \" hello there \" and left|he said \"hello there\" and left",
        "it cost $ 1 , 200 , or 3 . 5 %|it cost $1,200, or 3.5%",
        "a well - known man ; sure : yes ?|a well-known man; sure: yes?",
      })
  void joinsPunctuationReadably(String tokens, String expected) {
    assertEquals(expected, Detokenizer.detokenize(List.of(tokens.split(" "))));
  }

  @Test
  void appendedPiecesConcatenateToTheText() {
    Detokenizer detokenizer = new Detokenizer();
    StringBuilder pieces = new StringBuilder();
    for (String token : tokenizer.tokenize("Well, I can't (really) say.")) {
      pieces.append(detokenizer.append(token));
    }
    assertEquals("Well, I can't (really) say.", pieces.toString());
    assertEquals(pieces.toString(), detokenizer.text());
  }

  @Test
  void realBrownLinesRoundTrip() {
    for (String[] sentence : ReferenceData.testSentences().subList(0, 200)) {
      List<String> tokens = List.of(sentence);
      assertEquals(tokens, tokenizer.tokenize(Detokenizer.detokenize(tokens)));
    }
  }
}
