package ai.fromscratch.bpe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How to train a BPE tokenizer: the vocabulary size to reach (special tokens and the alphabet
 * included), the fewest occurrences a pair needs to be merged, the special tokens (matched whole in
 * any input, never split or merged; {@code <unk>} is always one, added first when missing), and
 * whether text is lower-cased.
 */
public record BpeTrainingOptions(
    int vocabularySize, int minFrequency, List<String> specialTokens, boolean lowercase) {
  public static final int MAX_VOCABULARY_SIZE = 1 << 24;
  public static final List<String> DEFAULT_SPECIAL_TOKENS =
      List.of(BpeTokenizer.UNKNOWN, "<s>", "</s>", "<user>", "<assistant>", "<pad>");

  public BpeTrainingOptions {
    if (vocabularySize < 1 || vocabularySize > MAX_VOCABULARY_SIZE) {
      throw new IllegalArgumentException(
          "vocabularySize must be between 1 and "
              + MAX_VOCABULARY_SIZE
              + ", got "
              + vocabularySize);
    }
    if (minFrequency < 1) {
      throw new IllegalArgumentException("minFrequency must be at least 1, got " + minFrequency);
    }
    List<String> tokens = new ArrayList<>();
    if (!specialTokens.contains(BpeTokenizer.UNKNOWN)) {
      tokens.add(BpeTokenizer.UNKNOWN);
    }
    tokens.addAll(specialTokens);
    Set<String> seen = new HashSet<>();
    for (String token : tokens) {
      if (token == null || token.isEmpty()) {
        throw new IllegalArgumentException("special tokens must not be empty");
      }
      if (!seen.add(token)) {
        throw new IllegalArgumentException("duplicate special token: " + token);
      }
    }
    specialTokens = List.copyOf(tokens);
  }

  /** 8,000 tokens, pairs seen at least twice, the default special tokens, case kept. */
  public static BpeTrainingOptions defaults() {
    return new BpeTrainingOptions(8000, 2, DEFAULT_SPECIAL_TOKENS, false);
  }

  public BpeTrainingOptions withVocabularySize(int size) {
    return new BpeTrainingOptions(size, minFrequency, specialTokens, lowercase);
  }

  public BpeTrainingOptions withMinFrequency(int frequency) {
    return new BpeTrainingOptions(vocabularySize, frequency, specialTokens, lowercase);
  }

  public BpeTrainingOptions withSpecialTokens(List<String> tokens) {
    return new BpeTrainingOptions(vocabularySize, minFrequency, tokens, lowercase);
  }

  public BpeTrainingOptions withLowercase(boolean lower) {
    return new BpeTrainingOptions(vocabularySize, minFrequency, specialTokens, lower);
  }
}
