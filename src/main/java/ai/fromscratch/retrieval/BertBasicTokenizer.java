package ai.fromscratch.retrieval;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BERT's basic tokenization as Hugging Face's {@code BertNormalizer} and {@code BertPreTokenizer}
 * do it: drop control characters, turn whitespace into spaces, isolate CJK ideographs, strip
 * accents (NFD, then drop non-spacing marks), lower-case, then split on whitespace and on each
 * punctuation character.
 */
final class BertBasicTokenizer {
  private final boolean lowercase;
  private final boolean stripAccents;

  BertBasicTokenizer(boolean lowercase, boolean stripAccents) {
    this.lowercase = lowercase;
    this.stripAccents = stripAccents;
  }

  /** The words and single punctuation characters of {@code text}, in order. */
  List<String> split(String text) {
    String normalized = normalize(text);
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < normalized.length(); ) {
      int c = normalized.codePointAt(i);
      i += Character.charCount(c);
      if (c == ' ') {
        flush(word, words);
      } else if (isPunctuation(c)) {
        flush(word, words);
        words.add(new String(Character.toChars(c)));
      } else {
        word.appendCodePoint(c);
      }
    }
    flush(word, words);
    return words;
  }

  String normalize(String text) {
    StringBuilder cleaned = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      // The order matters and is Hugging Face's: a control character is dropped even when
      // Unicode also calls it whitespace (U+0085), before whitespace becomes a plain space.
      if (c == 0 || c == 0xFFFD || isControl(c)) {
        continue;
      }
      if (isWhitespace(c)) {
        cleaned.append(' ');
      } else if (isCjkIdeograph(c)) {
        cleaned.append(' ').appendCodePoint(c).append(' ');
      } else {
        cleaned.appendCodePoint(c);
      }
    }
    String result = cleaned.toString();
    if (stripAccents) {
      result = withoutNonSpacingMarks(Normalizer.normalize(result, Normalizer.Form.NFD));
    }
    return lowercase ? lowerCaseEachCodePoint(result) : result;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  private static String withoutNonSpacingMarks(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (Character.getType(c) != Character.NON_SPACING_MARK) {
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }

  /**
   * Lower-cases code point by code point, as Rust's {@code char::to_lowercase} does: no final-sigma
   * rule (a whole-string {@code toLowerCase} would turn a word-final Σ into ς), but multi-character
   * mappings such as İ to "i̇" are kept.
   */
  private static String lowerCaseEachCodePoint(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c < 0x80) {
        out.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c));
      } else {
        out.append(new String(Character.toChars(c)).toLowerCase(Locale.ROOT));
      }
    }
    return out.toString();
  }

  /** Unicode's White_Space property (Rust's {@code char::is_whitespace}). */
  static boolean isWhitespace(int c) {
    return (c >= 0x09 && c <= 0x0D)
        || c == 0x20
        || c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  /**
   * Categories Cc, Cf, Co and Cs, except tab, newline and carriage return. Unassigned code points
   * (Cn) are kept: Java 17 knows Unicode 13, so it would call newer emoji unassigned and drop them,
   * where Hugging Face's newer tables keep them (and they become [UNK]).
   */
  static boolean isControl(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return false;
    }
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.PRIVATE_USE
        || type == Character.SURROGATE;
  }

  /** ASCII punctuation and symbols, and Unicode punctuation (categories P*). */
  static boolean isPunctuation(int c) {
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96)) {
      return true;
    }
    if (c >= 123 && c <= 126) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.CONNECTOR_PUNCTUATION
        || type == Character.DASH_PUNCTUATION
        || type == Character.START_PUNCTUATION
        || type == Character.END_PUNCTUATION
        || type == Character.INITIAL_QUOTE_PUNCTUATION
        || type == Character.FINAL_QUOTE_PUNCTUATION
        || type == Character.OTHER_PUNCTUATION;
  }

  /** The CJK blocks BERT isolates (Hugging Face's ranges, including its 0x2B920 start). */
  static boolean isCjkIdeograph(int c) {
    return (c >= 0x4E00 && c <= 0x9FFF)
        || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x20000 && c <= 0x2A6DF)
        || (c >= 0x2A700 && c <= 0x2B73F)
        || (c >= 0x2B740 && c <= 0x2B81F)
        || (c >= 0x2B920 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0x2F800 && c <= 0x2FA1F);
  }
}
