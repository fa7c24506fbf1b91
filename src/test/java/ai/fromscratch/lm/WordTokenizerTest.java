package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {
  private final WordTokenizer keepCase = new WordTokenizer(false);
  private final WordTokenizer lower = new WordTokenizer(true);

  @Test
  void splitsWordsAndSinglePunctuationMarks() {
    assertEquals(
        List.of("Don", "'", "t", "stop", "-", "-", "it", "'", "s", "3", ".", "5", "%", "!"),
        keepCase.tokenize("Don't stop--it's 3.5%!"));
  }

  @Test
  void wordsIncludeUnicodeLettersDigitsAndUnderscore() {
    assertEquals(
        List.of("naïve", "Straße", "東京", "x_1", "٣"), keepCase.tokenize("naïve Straße 東京 x_1 ٣"));
  }

  @Test
  void normalizesToNfcBeforeSplitting() {
    String decomposed = "cafe\u0301 ok";
    assertEquals(List.of("café", "ok"), keepCase.tokenize(decomposed));
  }

  @Test
  void lowerCasesWhenAsked() {
    assertEquals(List.of("the", "fulton", "county"), lower.tokenize("The Fulton COUNTY"));
    assertEquals(List.of("The"), keepCase.tokenize("The"));
  }

  @Test
  void brownQuotesBecomeSingleCharacterTokens() {
    assertEquals(List.of("`", "`", "yes", "'", "'"), keepCase.tokenize("``yes''"));
  }

  @Test
  void whitespaceOnlyTextHasNoTokens() {
    assertEquals(List.of(), keepCase.tokenize(" \t\n\u2003 "));
  }
}
