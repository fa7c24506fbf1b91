package ai.fromscratch.bpe;

import static java.text.Normalizer.Form.NFC;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text side of the tokenizer, shared by trainer and encoder so both see the same words, and
 * built to match what Hugging Face tokenizers does with the tokenizer.json we write: special tokens
 * are cut whole out of the raw text (leftmost, then longest), each remaining segment is
 * NFC-normalized and optionally lower-cased code point by code point, then split into words and
 * single punctuation marks by {@link #SPLIT_PATTERN}.
 */
final class TextPipeline {
  /**
   * Python's {@code str.isspace()} set (Unicode White_Space plus the separators 1C-1F), spelled out
   * so that Java's regex and Hugging Face's Oniguruma read the same characters.
   */
  static final String WHITESPACE =
      "\t\n\u000B\f\r\u001C-\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

  /** Python's {@code \w}: letters, numbers and the underscore (no combining marks). */
  static final String WORD_CHARS = "\\p{L}\\p{N}_";

  /**
   * The words and punctuation marks of {@code ai.fromscratch.lm.WordTokenizer}: {@code
   * \w+|[^\w\s]}.
   */
  static final String SPLIT_PATTERN = "[" + WORD_CHARS + "]+|[^" + WORD_CHARS + WHITESPACE + "]";

  private static final Pattern SPLIT = Pattern.compile(SPLIT_PATTERN);
  private static final int DOTTED_CAPITAL_I = 0x130;
  private static final char REPLACEMENT = '\uFFFD';
  private static final int MAX_CLUSTER_TO_CUT = 32;

  /** Receives the pieces of a text in order. */
  interface Sink {
    /** A special token found whole at {@code [start, end)} of the raw text. */
    void special(String token, int start, int end);

    /** A word {@code [from, to)} of the normalized segment. */
    void word(Normalized segment, int from, int to);
  }

  /**
   * A normalized segment of the raw text; when offsets were asked for, {@code starts[i]} and {@code
   * ends[i]} give the raw-text span of the character that produced normalized character {@code i}.
   */
  record Normalized(String text, int[] starts, int[] ends) {}

  private final List<String> specialTokens;
  private final boolean lowercase;
  private final boolean[] specialFirstChars = new boolean[1 << 16];

  TextPipeline(List<String> specialTokens, boolean lowercase) {
    this.specialTokens = List.copyOf(specialTokens);
    this.lowercase = lowercase;
    for (String token : this.specialTokens) {
      specialFirstChars[token.charAt(0)] = true;
    }
  }

  void split(String text, boolean offsets, Sink sink) {
    int segmentStart = 0;
    int i = 0;
    while (i < text.length()) {
      String special = specialTokens.isEmpty() ? null : specialAt(text, i);
      if (special == null) {
        i++;
        continue;
      }
      splitWords(text, segmentStart, i, offsets, sink);
      sink.special(special, i, i + special.length());
      i += special.length();
      segmentStart = i;
    }
    splitWords(text, segmentStart, text.length(), offsets, sink);
  }

  /** The longest special token starting at {@code index}, as Hugging Face's leftmost-longest. */
  private String specialAt(String text, int index) {
    if (!specialFirstChars[text.charAt(index)]) {
      return null;
    }
    String best = null;
    for (String token : specialTokens) {
      if (text.startsWith(token, index) && (best == null || token.length() > best.length())) {
        best = token;
      }
    }
    return best;
  }

  private void splitWords(String text, int from, int to, boolean offsets, Sink sink) {
    if (from == to) {
      return;
    }
    Normalized segment = normalize(text, from, to, offsets);
    Matcher matcher = SPLIT.matcher(segment.text());
    while (matcher.find()) {
      sink.word(segment, matcher.start(), matcher.end());
    }
  }

  Normalized normalize(String text, int from, int to, boolean offsets) {
    String raw = text.substring(from, to);
    String composed = raw;
    int[] starts = null;
    int[] ends = null;
    if (offsets) {
      starts = new int[raw.length()];
      ends = new int[raw.length()];
    }
    if (!Normalizer.isNormalized(raw, NFC)) {
      composed = Normalizer.normalize(raw, NFC);
      if (offsets) {
        int[][] aligned = alignComposed(raw, composed, from);
        starts = aligned[0];
        ends = aligned[1];
      }
    } else if (offsets) {
      fillCodePointSpans(raw, from, starts, ends);
    }
    return mapCodePoints(composed, starts, ends);
  }

  /**
   * Lower-cases one code point at a time as Hugging Face's Lowercase normalizer does (Rust's {@code
   * char::to_lowercase}: no final-sigma rule, U+0130 becomes "i" and a combining dot), and replaces
   * unpaired surrogates, which a Rust string cannot hold, by U+FFFD. Offsets follow the characters.
   */
  private Normalized mapCodePoints(String text, int[] starts, int[] ends) {
    if (!needsMapping(text)) {
      return new Normalized(text, starts, ends);
    }
    StringBuilder out = new StringBuilder(text.length() + 4);
    int[] outStarts = starts == null ? null : new int[text.length() * 2];
    int[] outEnds = starts == null ? null : new int[text.length() * 2];
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int width = Character.charCount(codePoint);
      int before = out.length();
      if (Character.isSurrogate((char) codePoint) && width == 1) {
        out.append(REPLACEMENT);
      } else if (lowercase && codePoint == DOTTED_CAPITAL_I) {
        out.append("i\u0307");
      } else {
        out.appendCodePoint(lowercase ? Character.toLowerCase(codePoint) : codePoint);
      }
      if (outStarts != null) {
        for (int j = before; j < out.length(); j++) {
          outStarts[j] = starts[i];
          outEnds[j] = ends[i + width - 1];
        }
      }
      i += width;
    }
    if (outStarts == null) {
      return new Normalized(out.toString(), null, null);
    }
    int length = out.length();
    return new Normalized(
        out.toString(), Arrays.copyOf(outStarts, length), Arrays.copyOf(outEnds, length));
  }

  private boolean needsMapping(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        return true;
      }
      if (lowercase && (c == DOTTED_CAPITAL_I || Character.toLowerCase(c) != c)) {
        return true;
      }
    }
    return false;
  }

  private static void fillCodePointSpans(String raw, int offset, int[] starts, int[] ends) {
    for (int i = 0; i < raw.length(); ) {
      int width = Character.charCount(raw.codePointAt(i));
      for (int j = i; j < i + width; j++) {
        starts[j] = offset + i;
        ends[j] = offset + i + width;
      }
      i += width;
    }
  }

  /**
   * Raw-text spans for an NFC result, as Hugging Face aligns them. Composition only joins a base
   * character with the marks (or Hangul vowel and trailing jamo) that follow it, so the text is cut
   * into such clusters, and each cluster into the smallest pieces that normalize independently. HF
   * aligns a piece position by position, its first output character absorbing the inputs that
   * composition removed: "e" + U+0301 gives "é" with the span of the "e", and in "e" + U+0301 +
   * U+0301 the remaining accent has the span of the second one. Should the pieces not reproduce the
   * segment's NFC, every character gets the whole segment's span: coarse, but never wrong.
   */
  private static int[][] alignComposed(String raw, String composed, int offset) {
    IntList starts = new IntList();
    IntList ends = new IntList();
    StringBuilder rebuilt = new StringBuilder(composed.length());
    int clusterStart = 0;
    while (clusterStart < raw.length()) {
      int clusterEnd = clusterStart + Character.charCount(raw.codePointAt(clusterStart));
      while (clusterEnd < raw.length() && continuesCluster(raw.codePointAt(clusterEnd))) {
        clusterEnd += Character.charCount(raw.codePointAt(clusterEnd));
      }
      // Cutting costs quadratic time in the cluster's length; a freak run of marks stays whole.
      boolean cut = clusterEnd - clusterStart <= MAX_CLUSTER_TO_CUT;
      for (int start = clusterStart, end; start < clusterEnd; start = end) {
        end = cut ? pieceEnd(raw, start, clusterEnd) : clusterEnd;
        int[] inputs = raw.substring(start, end).codePoints().toArray();
        String piece = Normalizer.normalize(raw.substring(start, end), NFC);
        int removed = inputs.length - piece.codePointCount(0, piece.length());
        int input = 0;
        int inputStart = start;
        for (int i = 0, output = 0; i < piece.length(); output++) {
          // Move to the input this output stands for, never past the piece's last input.
          int target = output == 0 ? 0 : Math.min(inputs.length - 1, Math.max(0, output + removed));
          while (input < target) {
            inputStart += Character.charCount(inputs[input++]);
          }
          int width = Character.charCount(piece.codePointAt(i));
          for (int k = 0; k < width; k++) {
            starts.add(offset + inputStart);
            ends.add(offset + inputStart + Character.charCount(inputs[input]));
          }
          rebuilt.append(piece, i, i + width);
          i += width;
        }
      }
      clusterStart = clusterEnd;
    }
    if (!rebuilt.toString().equals(composed)) {
      int[] whole = new int[composed.length()];
      Arrays.fill(whole, offset);
      int[] wholeEnds = new int[composed.length()];
      Arrays.fill(wholeEnds, offset + raw.length());
      return new int[][] {whole, wholeEnds};
    }
    return new int[][] {starts.toArray(), ends.toArray()};
  }

  /** The end of the shortest piece from {@code start} that normalizes apart from the rest. */
  private static int pieceEnd(String raw, int start, int clusterEnd) {
    String whole = Normalizer.normalize(raw.substring(start, clusterEnd), NFC);
    int end = start + Character.charCount(raw.codePointAt(start));
    while (end < clusterEnd) {
      String head = Normalizer.normalize(raw.substring(start, end), NFC);
      String tail = Normalizer.normalize(raw.substring(end, clusterEnd), NFC);
      if ((head + tail).equals(whole)) {
        return end;
      }
      end += Character.charCount(raw.codePointAt(end));
    }
    return clusterEnd;
  }

  private static boolean continuesCluster(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || (codePoint >= 0x1160 && codePoint <= 0x11FF);
  }
}
