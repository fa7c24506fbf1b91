package ai.fromscratch.copy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts text into {@link SurfaceToken}s where the n-gram model's tokenizer cuts it (runs of word
 * characters, and each other mark alone), keeping the case and the white space before each. The
 * text after the last token, if any, is white space; everything else is in some token.
 */
public final class SurfaceTokenizer {
  // The classes of lm.WordTokenizer: Python's \w (letters, numbers, underscore) and \s (with
  // 1C-1F).
  private static final String WORD = "\\p{L}\\p{N}_";
  private static final String SPACE = "\\s\\x1C-\\x1F";
  private static final Pattern TOKEN =
      Pattern.compile(
          "[" + SPACE + "]*([" + WORD + "]+|[^" + WORD + SPACE + "])",
          Pattern.UNICODE_CHARACTER_CLASS);

  private SurfaceTokenizer() {}

  public static List<SurfaceToken> tokenize(String text) {
    List<SurfaceToken> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(text);
    while (matcher.find()) {
      tokens.add(new SurfaceToken(matcher.group(), matcher.group(1), matcher.start()));
    }
    return tokens;
  }

  /**
   * The key a word is matched by: normalized as the model's tokenizer normalizes (NFC), and
   * lower-cased, so that matching ignores case while the copied text keeps it.
   */
  public static String key(String word) {
    return Normalizer.normalize(word, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }
}
