package ai.fromscratch.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.fromscratch.lm.WordTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurfaceTokenizerTest {
  private static final List<String> TEXTS =
      List.of(
          "Run dpkg --list, then edit /etc/apt/sources.list.",
          "See https://www.debian.org/ and C:\\Users\\me\\file.txt",
          "  Indented code:\n\n    >>> x = [1, 2]\n    >>> x[0] += 3.5  # ünïcode é",
          "Don't mix\ttabs  and   spaces!",
          "");

  @Test
  void theTokensJoinedGiveTheTextBackByteForByte() {
    for (String text : TEXTS) {
      StringBuilder joined = new StringBuilder();
      for (SurfaceToken token : SurfaceTokenizer.tokenize(text)) {
        assertEquals(joined.length(), token.start(), text);
        joined.append(token.text());
      }
      assertEquals(text.stripTrailing(), joined.toString(), "everything but trailing space");
    }
  }

  @Test
  void theWordsAreTheModelTokenizersTokens() {
    WordTokenizer model = new WordTokenizer(false);
    for (String text : TEXTS) {
      assertEquals(
          model.tokenize(text),
          SurfaceTokenizer.tokenize(text).stream().map(SurfaceToken::word).toList(),
          text);
    }
  }

  @Test
  void keysIgnoreCaseAndSpacingWhileTheTextKeepsThem() {
    List<SurfaceToken> tokens = SurfaceTokenizer.tokenize("Python  PYTHON");

    assertEquals("Python", tokens.get(0).text());
    assertEquals("  PYTHON", tokens.get(1).text());
    assertEquals("  ", tokens.get(1).space());
    assertEquals(
        SurfaceTokenizer.key(tokens.get(0).word()), SurfaceTokenizer.key(tokens.get(1).word()));
  }
}
