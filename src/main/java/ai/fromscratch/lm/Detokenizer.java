package ai.fromscratch.lm;

import java.util.List;
import java.util.Set;

/**
 * Turns tokens back into readable text: no space before closing punctuation, none after opening
 * brackets and quotes, contractions rejoined ({@code don ' t} to {@code don't}), Brown's {@code `
 * `} and {@code ' '} quotes rejoined. Each decision looks only at earlier tokens, so text grows by
 * appending and a stream of tokens can be shown as it comes.
 */
public final class Detokenizer {
  private static final Set<String> CLOSING =
      Set.of(".", ",", "!", "?", ";", ":", "%", ")", "]", "}", "”", "’", "»", "…");
  private static final Set<String> OPENING =
      Set.of("(", "[", "{", "`", "“", "‘", "«", "$", "¿", "¡");
  private static final Set<String> JOINING = Set.of("-", "/", "–", "—");
  private static final Set<String> CONTRACTION_SUFFIXES =
      Set.of("s", "t", "re", "ve", "ll", "d", "m", "S", "T", "RE", "VE", "LL", "D", "M");

  private final StringBuilder text = new StringBuilder();
  private String previous;
  private String beforePrevious;
  private boolean apostropheAfterWord;
  private boolean singleQuoteOpened;
  private boolean insideDoubleQuote;

  /** Joins a whole token list. */
  public static String detokenize(List<String> tokens) {
    Detokenizer detokenizer = new Detokenizer();
    for (String token : tokens) {
      detokenizer.append(token);
    }
    return detokenizer.text();
  }

  /** The text a token would add now (the token, maybe after a space), without adding it. */
  public String spaced(String token) {
    return previous != null && spaceBefore(token) ? " " + token : token;
  }

  /** Appends one token and returns the text it added (the token, maybe after a space). */
  public String append(String token) {
    String piece = spaced(token);
    boolean space = piece.length() > token.length();
    text.append(piece);
    boolean quote = token.equals("'");
    singleQuoteOpened = quote && (previous == null || space);
    apostropheAfterWord = quote && !singleQuoteOpened && WordTokenizer.isWord(previous);
    if (token.equals("\"")) {
      insideDoubleQuote = !insideDoubleQuote;
    }
    beforePrevious = previous;
    previous = token;
    return piece;
  }

  public String text() {
    return text.toString();
  }

  private boolean spaceBefore(String token) {
    if (CLOSING.contains(token) || OPENING.contains(previous)) {
      return false;
    }
    if (JOINING.contains(token) || JOINING.contains(previous)) {
      return false;
    }
    if (token.equals("\"")) {
      return !insideDoubleQuote;
    }
    if (previous.equals("\"")) {
      return !insideDoubleQuote;
    }
    if (token.equals("'")) {
      // After a word or a closing mark it is an apostrophe or a closing quote; otherwise it opens.
      return !(WordTokenizer.isWord(previous)
          || CLOSING.contains(previous)
          || previous.equals("'"));
    }
    if (previous.equals("'")) {
      return !singleQuoteOpened && !(apostropheAfterWord && CONTRACTION_SUFFIXES.contains(token));
    }
    return !isDigitGroupAfterSeparator(token);
  }

  /** Keeps numbers such as 3.5, 3,000 and 10:30 together. */
  private boolean isDigitGroupAfterSeparator(String token) {
    return (previous.equals(".") || previous.equals(",") || previous.equals(":"))
        && beforePrevious != null
        && isDigits(beforePrevious)
        && isDigits(token)
        && (!previous.equals(",") || token.length() == 3);
  }

  private static boolean isDigits(String token) {
    return !token.isEmpty() && token.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
