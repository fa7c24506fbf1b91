package ai.fromscratch.engine;

import ai.fromscratch.retrieval.Chunk;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline a sceptic of structure-aware chunking would propose, and the chat's chunking before
 * 2026-12-06: windows of about 800 characters overlapping by about 100, blind to headings and
 * paragraphs. A window ends after a sentence or at a line break in its second half, otherwise at a
 * space; the next starts at the first word 100 characters before that end. A frozen copy of that
 * code, sharing nothing with {@code Chunker}, so the baseline cannot drift as the chunking changes.
 */
final class WindowChunks {
  static final int SIZE = 800;
  static final int OVERLAP = 100;

  private WindowChunks() {}

  static List<Chunk> of(String text) {
    List<Chunk> chunks = new ArrayList<>();
    int length = text.length();
    int start = skipWhitespace(text, 0);
    while (start < length) {
      int end = length - start <= SIZE ? length : cut(text, start);
      int trimmed = end;
      while (trimmed > start && Character.isWhitespace(text.charAt(trimmed - 1))) {
        trimmed--;
      }
      chunks.add(new Chunk(text.substring(start, trimmed), start, trimmed));
      if (end >= length) {
        break;
      }
      int next = Math.max(start + 1, trimmed - OVERLAP);
      while (next < trimmed && !startsWord(text, next)) {
        next++;
      }
      start = next < trimmed ? next : skipWhitespace(text, trimmed);
    }
    return chunks;
  }

  private static int cut(String text, int start) {
    for (int p = start + SIZE; p > start + SIZE / 2; p--) {
      if (Character.isWhitespace(text.charAt(p)) && endsLineOrSentence(text, p)) {
        return p;
      }
    }
    for (int p = start + SIZE; p > start; p--) {
      if (Character.isWhitespace(text.charAt(p))) {
        return p;
      }
    }
    int p = start + SIZE;
    while (p < text.length() && !Character.isWhitespace(text.charAt(p))) {
      p++;
    }
    return p;
  }

  private static boolean endsLineOrSentence(String text, int p) {
    int q = p - 1;
    if (text.charAt(q) == '\n' || text.charAt(p) == '\n') {
      return true;
    }
    while (q > 0 && "\"')]»”’".indexOf(text.charAt(q)) >= 0) {
      q--;
    }
    return ".!?…。！？".indexOf(text.charAt(q)) >= 0;
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
