package ai.fromscratch.insights;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes a question the way trivial variants share: case, accents' composition, punctuation and
 * spacing do not matter ("What's the capital of France?" and "whats the capital of france").
 */
public final class QueryNormalizer {
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private QueryNormalizer() {}

  public static String normalize(String query) {
    String text = Normalizer.normalize(query, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    text = text.replace("'", "").replace("’", "");
    return NOT_WORD.matcher(text).replaceAll(" ").strip();
  }
}
