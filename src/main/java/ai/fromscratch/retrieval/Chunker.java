package ai.fromscratch.retrieval;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits texts into chunks of at most about {@code size} characters along their structure, so that
 * each chunk reads as a whole and an answer copied from it starts where a paragraph or sentence
 * starts. A chunk never crosses a heading ({@link TextBlocks}: Markdown and reStructuredText
 * titles) and carries the title of its section, read with it for its vector. Whole paragraphs of
 * one section are packed together while they fit; a longer paragraph is cut after a sentence in the
 * chunk's second half (else at a line break there, else at the last space; a word is never split,
 * so a single word longer than {@code size} makes a longer chunk), and the next piece starts at the
 * first sentence that begins within {@code overlap} characters before the cut, so a passage cut at
 * a chunk's edge is still whole in its neighbour (a sentence longer than a chunk goes on from a
 * word within the overlap). Whitespace around chunks is dropped. A text of headings alone is one
 * chunk.
 */
public final class Chunker {
  public static final int DEFAULT_SIZE = 800;
  public static final int DEFAULT_OVERLAP = 100;

  /** The cutting method, in {@link #scheme()}: fixed windows came before it, unrecorded. */
  static final String METHOD = "sections-and-paragraphs-1";

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

  /**
   * How this chunker cuts, to tell passages cut before from those it would cut: the method's
   * version (raised whenever the cutting changes) and the size and overlap.
   */
  public String scheme() {
    return METHOD + " " + size + "/" + overlap;
  }

  public List<Chunk> split(String text) {
    List<Chunk> chunks = new ArrayList<>();
    String heading = null;
    int from = -1;
    int to = -1;
    for (TextBlocks.Block block : TextBlocks.of(text)) {
      if (from >= 0 && (block.isHeading() || block.end() - from > size)) {
        chunks.add(new Chunk(text.substring(from, to), from, to, heading));
        from = -1;
      }
      if (block.isHeading()) {
        heading = block.heading();
      } else if (from >= 0) {
        to = block.end();
      } else if (block.end() - block.start() <= size) {
        from = block.start();
        to = block.end();
      } else {
        chunks.addAll(pieces(text, block, heading));
      }
    }
    if (from >= 0) {
      chunks.add(new Chunk(text.substring(from, to), from, to, heading));
    }
    String whole = text.strip();
    if (chunks.isEmpty() && !whole.isEmpty()) {
      int start = text.indexOf(whole);
      chunks.add(new Chunk(whole, start, start + whole.length(), null));
    }
    return chunks;
  }

  /** A paragraph longer than a chunk, in pieces. */
  private List<Chunk> pieces(String text, TextBlocks.Block paragraph, String heading) {
    List<Chunk> pieces = new ArrayList<>();
    int start = paragraph.start();
    while (start < paragraph.end()) {
      int end = paragraph.end() - start <= size ? paragraph.end() : cut(text, start);
      int trimmed = end;
      while (trimmed > start && Character.isWhitespace(text.charAt(trimmed - 1))) {
        trimmed--;
      }
      pieces.add(new Chunk(text.substring(start, trimmed), start, trimmed, heading));
      if (end >= paragraph.end()) {
        break;
      }
      start = nextStart(text, start, trimmed);
    }
    return pieces;
  }

  /**
   * Where the piece starting at {@code start} ends: a sentence end, else a line break, else a
   * space, else the word's end.
   */
  private int cut(String text, int start) {
    int limit = start + size;
    for (int p = limit; p > start + size / 2; p--) {
      if (endsSentence(text, p)) {
        return p;
      }
    }
    for (int p = limit; p > start + size / 2; p--) {
      if (text.charAt(p) == '\n') {
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

  /** True when a sentence ends just before {@code p} and whitespace follows. */
  private static boolean endsSentence(String text, int p) {
    if (p <= 0 || p >= text.length() || !Character.isWhitespace(text.charAt(p))) {
      return false;
    }
    int q = p - 1;
    // A closing quote or bracket may follow the full stop: 'he said "no." Then'.
    while (q > 0 && "\"')]»”’".indexOf(text.charAt(q)) >= 0) {
      q--;
    }
    return ".!?…。！？".indexOf(text.charAt(q)) >= 0;
  }

  /**
   * The first sentence start within {@code overlap} characters before {@code previousEnd}; else,
   * when the piece ended inside a sentence, the first word there; else the next word after it.
   */
  private int nextStart(String text, int previousStart, int previousEnd) {
    int firstWord = -1;
    for (int p = Math.max(previousStart + 1, previousEnd - overlap); p < previousEnd; p++) {
      if (startsWord(text, p)) {
        if (endsSentence(text, p - 1)) {
          return p;
        }
        firstWord = firstWord < 0 ? p : firstWord;
      }
    }
    return firstWord >= 0 && !endsSentence(text, previousEnd)
        ? firstWord
        : skipWhitespace(text, previousEnd);
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
