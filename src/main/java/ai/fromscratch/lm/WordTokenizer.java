package ai.fromscratch.lm;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's word and punctuation tokenizer: NFC-normalized text split by the regex {@code
 * \w+|[^\w\s]} with Python's Unicode semantics, optionally lower-cased.
 */
public final class WordTokenizer {
  // Python's \w is "alphanumeric or underscore" (letters L*, numbers N*), without the combining
  // marks and joiners that Java's Unicode \w adds; Python's \s also counts the separators 1C-1F.
  private static final String WORD = "\\p{L}\\p{N}_";
  private static final String SPACE = "\\s\\x1C-\\x1F";
  private static final Pattern TOKEN =
      Pattern.compile("[" + WORD + "]+|[^" + WORD + SPACE + "]", Pattern.UNICODE_CHARACTER_CLASS);

  private final boolean lowercase;

  public WordTokenizer(boolean lowercase) {
    this.lowercase = lowercase;
  }

  public boolean lowercase() {
    return lowercase;
  }

  public List<String> tokenize(String text) {
    String normalized = Normalizer.normalize(text, Normalizer.Form.NFC);
    if (lowercase) {
      // Python's str.lower() is locale-independent; ROOT avoids the Turkish dotless-i surprise.
      normalized = normalized.toLowerCase(Locale.ROOT);
    }
    List<String> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(normalized);
    while (matcher.find()) {
      tokens.add(matcher.group());
    }
    return tokens;
  }

  public String[] tokenizeToArray(String text) {
    return tokenize(text).toArray(new String[0]);
  }

  /** True when the token is a run of word characters (as opposed to one punctuation mark). */
  static boolean isWord(String token) {
    return !token.isEmpty() && isWordChar(token.codePointAt(0));
  }

  static boolean isWordChar(int codePoint) {
    return Character.isLetter(codePoint) || isNumber(codePoint) || codePoint == '_';
  }

  private static boolean isNumber(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }
}
