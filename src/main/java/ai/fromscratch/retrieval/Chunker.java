package ai.fromscratch.retrieval;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits long texts into chunks of about {@code size} characters that overlap by about {@code
 * overlap} characters, so a passage cut at a chunk's edge is still whole in its neighbour. A chunk
 * ends after a sentence (or at a line break) when one ends in its second half, otherwise at the
 * last space; a word is never split, so a single word longer than {@code size} makes a longer
 * chunk. The next chunk starts at the first word at or after {@code overlap} characters before the
 * previous end. Whitespace around chunks is dropped.
 */
public final class Chunker {
  public static final int DEFAULT_SIZE = 800;
  public static final int DEFAULT_OVERLAP = 100;

  private final int size;
  private final int overlap;

  /**
   * @param size the target chunk length in characters (at least 20)
   * @param overlap characters shared with the previous chunk, less than half of {@code size} so
   *     every chunk moves forward
   */
  public Chunker(int size, int overlap) {
    if (size < 20) {
      throw new IllegalArgumentException("Chunk size must be at least 20, not " + size);
    }
    if (overlap < 0 || overlap >= size / 2) {
      throw new IllegalArgumentException(
          "Chunk overlap must be 0 to less than half the size (" + size + "), not " + overlap);
    }
    this.size = size;
    this.overlap = overlap;
  }

  public static Chunker withDefaults() {
    return new Chunker(DEFAULT_SIZE, DEFAULT_OVERLAP);
  }

  public int size() {
    return size;
  }

  public List<Chunk> split(String text) {
    List<Chunk> chunks = new ArrayList<>();
    int length = text.length();
    int start = skipWhitespace(text, 0);
    while (start < length) {
      int end = length - start <= size ? length : cut(text, start);
      int trimmed = end;
      while (trimmed > start && Character.isWhitespace(text.charAt(trimmed - 1))) {
        trimmed--;
      }
      chunks.add(new Chunk(text.substring(start, trimmed), start, trimmed));
      if (end >= length) {
        break;
      }
      start = nextStart(text, start, trimmed);
    }
    return chunks;
  }

  /**
   * Where the chunk starting at {@code start} ends: a sentence end, else a space, else the word.
   */
  private int cut(String text, int start) {
    int limit = start + size;
    for (int p = limit; p > start + size / 2; p--) {
      if (endsSentence(text, p)) {
        return p;
      }
    }
    for (int p = limit; p > start; p--) {
      if (Character.isWhitespace(text.charAt(p))) {
        return p;
      }
    }
    int p = limit;
    while (p < text.length() && !Character.isWhitespace(text.charAt(p))) {
      p++;
    }
    return p;
  }

  /** True when a sentence or line ends just before {@code p} and whitespace follows. */
  private static boolean endsSentence(String text, int p) {
    if (p >= text.length() || !Character.isWhitespace(text.charAt(p))) {
      return false;
    }
    char before = text.charAt(p - 1);
    if (before == '\n') {
      return true;
    }
    int q = p - 1;
    // A closing quote or bracket may follow the full stop: 'he said "no." Then'.
    while (q > 0 && "\"')]»”’".indexOf(text.charAt(q)) >= 0) {
      q--;
    }
    return ".!?…。！？".indexOf(text.charAt(q)) >= 0 || text.charAt(p) == '\n';
  }

  private int nextStart(String text, int previousStart, int previousEnd) {
    int next = Math.max(previousStart + 1, previousEnd - overlap);
    while (next < previousEnd && !startsWord(text, next)) {
      next++;
    }
    return next < previousEnd && overlap > 0 ? next : skipWhitespace(text, previousEnd);
  }

  private static boolean startsWord(String text, int p) {
    return !Character.isWhitespace(text.charAt(p))
        && (p == 0 || Character.isWhitespace(text.charAt(p - 1)));
  }

  private static int skipWhitespace(String text, int p) {
    while (p < text.length() && Character.isWhitespace(text.charAt(p))) {
      p++;
    }
    return p;
  }
}
