package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {
  private final WordPieceTokenizer tokenizer = Tokenizers.shipped(256);

  @Test
  void wrapsLowerCasedWordsAndPunctuationInClsAndSep() {
    assertEquals(
        List.of("[CLS]", "hello", ",", "world", "!", "[SEP]"), tokenizer.tokenize("Hello, World!"));
  }

  @Test
  void splitsUnknownWordsIntoContinuationPieces() {
    assertEquals(List.of("[CLS]", "token", "##izer", "[SEP]"), tokenizer.tokenize("tokenizer"));
  }

  @Test
  void stripsAccentsAndIsolatesCjkCharacters() {
    assertEquals(List.of("[CLS]", "cafe", "[SEP]"), tokenizer.tokenize("Café"));
    assertEquals(List.of("[CLS]", "東", "京", "は", "[SEP]"), tokenizer.tokenize("東京は"));
  }

  @Test
  void wordsLongerThanOneHundredCharactersAreUnknown() {
    assertEquals(List.of("[CLS]", "[UNK]", "[SEP]"), tokenizer.tokenize("a".repeat(101)));
  }

  @Test
  void truncatesOnTheRightKeepingSep() {
    WordPieceTokenizer short5 = Tokenizers.shipped(5);
    assertEquals(
        List.of("[CLS]", "one", "two", "three", "[SEP]"), short5.tokenize("one two three four"));
  }

  @Test
  void encodesTokensAsVocabularyIds() {
    long[] ids = tokenizer.encode("hello");
    assertEquals(101, ids[0]);
    assertEquals(102, ids[ids.length - 1]);
    assertEquals("hello", tokenizer.token((int) ids[1]));
    assertEquals(30522, tokenizer.vocabularySize());
  }

  @Test
  void refusesLimitsAboveTheModelsPositions() {
    assertThrows(IllegalArgumentException.class, () -> Tokenizers.shipped(513));
  }
}
