package ai.fromscratch.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text's headings and paragraphs, in order, as {@link Chunker} reads them. A heading is a
 * Markdown {@code #} line, or a line of its own underlined (and perhaps overlined) with one
 * punctuation character repeated, as in Markdown's setext and reStructuredText. A paragraph is a
 * run of lines between blank lines and headings; a fenced code block ({@code ```} or {@code ~~~})
 * is one paragraph, blank lines and all. A line of punctuation alone (a rule) ends a paragraph.
 * reStructuredText markup that a page never shows (link targets such as {@code .. _label:}, and
 * {@code index} and similar directives with their indented lines) is no paragraph at all, so that
 * no answer copies it.
 */
final class TextBlocks {
  /** A title's underline: at least three of one punctuation character. */
  private static final Pattern ADORNMENT = Pattern.compile("([=\\-~^*+#\"_])\\1{2,}");

  private static final Pattern ATX =
      Pattern.compile(" {0,3}#{1,6}[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*");

  private static final Pattern FENCE = Pattern.compile("[ \\t]{0,3}(```|~~~).*");

  /** reStructuredText that a rendered page does not show: a link target or a hidden directive. */
  private static final Pattern HIDDEN_MARKUP =
      Pattern.compile(
          "\\.\\. (_[^:]*:|(index|highlight|sectionauthor|moduleauthor|testsetup|testcleanup"
              + "|currentmodule)::).*");

  /** The longest line taken for an underlined title; a longer one is prose. */
  private static final int MAX_TITLE = 200;

  /**
   * Characters {@code [start, end)} of the text, the end after the block's last non-blank
   * character.
   *
   * @param heading the title of a heading, null for a paragraph
   */
  record Block(int start, int end, String heading) {
    boolean isHeading() {
      return heading != null;
    }
  }

  private final String text;
  private final List<int[]> lines = new ArrayList<>();
  private final List<Block> blocks = new ArrayList<>();
  private int paragraphStart = -1;
  private int paragraphEnd;
  private boolean paragraphHidden;

  private TextBlocks(String text) {
    this.text = text;
    int start = 0;
    while (start <= text.length()) {
      int newline = text.indexOf('\n', start);
      int next = newline < 0 ? text.length() + 1 : newline + 1;
      int end = newline < 0 ? text.length() : newline;
      // A line ends before its carriage return too (Windows line breaks).
      lines.add(new int[] {start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end});
      start = next;
    }
  }

  static List<Block> of(String text) {
    TextBlocks reader = new TextBlocks(text);
    reader.read();
    return reader.blocks;
  }

  private void read() {
    int i = 0;
    while (i < lines.size()) {
      String line = line(i);
      if (line.isBlank()) {
        endParagraph();
        i++;
      } else if (FENCE.matcher(line).matches()) {
        i = fenced(i);
      } else if (ATX.matcher(line).matches()) {
        heading(i, atxTitle(line));
        i++;
      } else if (isAdornment(line)) {
        i = adorned(i);
      } else if (paragraphStart < 0
          && isTitle(line)
          && i + 1 < lines.size()
          && isAdornment(line(i + 1))) {
        heading(i, line.strip());
        i += 2;
      } else {
        extendParagraph(i);
        i++;
      }
    }
    endParagraph();
  }

  /** An overlined title ({@code ===}, title, {@code ===}), or a rule. */
  private int adorned(int i) {
    if (i + 2 < lines.size() && isTitle(line(i + 1)) && isAdornment(line(i + 2))) {
      heading(i + 1, line(i + 1).strip());
      return i + 3;
    }
    endParagraph();
    return i + 1;
  }

  /** A fenced code block: the paragraph runs to the closing fence, or the text's end. */
  private int fenced(int open) {
    String fence = line(open).strip().substring(0, 3);
    extendParagraph(open);
    int i = open + 1;
    while (i < lines.size()) {
      String line = line(i);
      if (!line.isBlank()) {
        extendParagraph(i);
      }
      i++;
      if (line.strip().startsWith(fence)) {
        break;
      }
    }
    return i;
  }

  /** A heading; one without a title ({@code #} alone) only ends the paragraph before it. */
  private void heading(int line, String title) {
    endParagraph();
    if (!title.isEmpty()) {
      int[] span = lines.get(line);
      blocks.add(new Block(span[0], trimmedEnd(span[0], span[1]), title));
    }
  }

  private void extendParagraph(int line) {
    int[] span = lines.get(line);
    String text = line(line);
    boolean hidden = HIDDEN_MARKUP.matcher(text).matches();
    if (paragraphStart < 0) {
      paragraphStart = span[0] + leadingBlanks(span[0], span[1]);
      paragraphHidden = hidden;
    } else {
      paragraphHidden &= hidden || leadingBlanks(span[0], span[1]) > 0;
    }
    paragraphEnd = trimmedEnd(span[0], span[1]);
  }

  private void endParagraph() {
    if (paragraphStart >= 0 && !paragraphHidden) {
      blocks.add(new Block(paragraphStart, paragraphEnd, null));
    }
    paragraphStart = -1;
  }

  private String line(int i) {
    int[] span = lines.get(i);
    return text.substring(span[0], span[1]);
  }

  private int leadingBlanks(int start, int end) {
    int p = start;
    while (p < end && Character.isWhitespace(text.charAt(p))) {
      p++;
    }
    return p - start;
  }

  private int trimmedEnd(int start, int end) {
    int p = end;
    while (p > start && Character.isWhitespace(text.charAt(p - 1))) {
      p--;
    }
    return p;
  }

  private static String atxTitle(String line) {
    Matcher matcher = ATX.matcher(line);
    return matcher.matches() ? matcher.group(1).strip() : line.strip();
  }

  private static boolean isAdornment(String line) {
    return ADORNMENT.matcher(line.strip()).matches();
  }

  private static boolean isTitle(String line) {
    return !line.isBlank() && !isAdornment(line) && line.strip().length() <= MAX_TITLE;
  }
}
