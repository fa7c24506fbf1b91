package ai.fromscratch.bpe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Texts the tests train and check on: Brown corpus lines and hand-picked Unicode lines. */
final class TestTexts {
  private TestTexts() {}

  /** The first lines of the prepared Brown training corpus. */
  static List<String> brownTrainingLines(int count) {
    return readLines("/lm/brown/brown.train.txt.gz", true, count);
  }

  /** Sentences in many scripts, with capitals and diacritics, for training beside Brown. */
  static List<String> unicodeTrainingLines() {
    return readLines("/bpe/unicode-train.txt", false, Integer.MAX_VALUE);
  }

  /** The Brown test lines, never seen in training. */
  static List<String> brownTestLines() {
    return readLines("/lm/brown/brown.test.txt", false, Integer.MAX_VALUE);
  }

  /**
   * Lines with capitals, digits, Unicode letters and marks, decomposed forms, punctuation runs,
   * special tokens inside text, odd whitespace and characters Brown never has. In the file, {@code
   * \n}, {@code \r} and {@code \}{@code uXXXX} stand for the characters a line cannot hold.
   */
  static List<String> unicodeLines() {
    List<String> lines = new ArrayList<>();
    for (String line : readLines("/bpe/held-out.txt", false, Integer.MAX_VALUE)) {
      lines.add(unescape(line));
    }
    return lines;
  }

  private static String unescape(String line) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        char next = line.charAt(i + 1);
        if (next == 'n' || next == 'r') {
          out.append(next == 'n' ? '\n' : '\r');
          i++;
          continue;
        }
        if (next == 'u' && i + 5 < line.length()) {
          out.append((char) Integer.parseInt(line.substring(i + 2, i + 6), 16));
          i += 5;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static List<String> readLines(String resource, boolean gzipped, int count) {
    try (InputStream raw = TestTexts.class.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      InputStream in = gzipped ? new GZIPInputStream(raw) : raw;
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      String line;
      while (lines.size() < count && (line = reader.readLine()) != null) {
        lines.add(line);
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
