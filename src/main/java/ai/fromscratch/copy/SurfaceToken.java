package ai.fromscratch.copy;

/**
 * A token as it stands in its text: {@code text} is the white space before it and the token itself,
 * so the tokens of a text joined give the text back; {@code word} is the token alone, as the n-gram
 * model's tokenizer cuts it; {@code start} is where {@code text} begins in the text.
 */
public record SurfaceToken(String text, String word, int start) {
  /** Where the token ends in its text. */
  public int end() {
    return start + text.length();
  }

  /** The white space before the word. */
  public String space() {
    return text.substring(0, text.length() - word.length());
  }
}
