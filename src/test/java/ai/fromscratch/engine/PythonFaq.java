package ai.fromscratch.engine;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Python's FAQ (Debian's python3.11-doc) as plain-text sections, and questions about it. */
final class PythonFaq {
  static final Path SOURCES = Path.of("/usr/share/doc/python3.11/html/_sources/faq");

  /** One question of the FAQ: its file, its heading and the text under it, all plain text. */
  record Section(String file, String question, String answer) {}

  /**
   * One FAQ file as a Markdown document, as an owner who keeps their FAQ as documents would upload
   * it: each section a {@code ## } heading (its question) and the text under it.
   *
   * @param sections where each section's text lies in {@code text}, in the order of {@link #load}
   */
  record Document(String text, List<SectionSpan> sections) {}

  /** The characters {@code [start, end)} of a document that hold a section's text. */
  record SectionSpan(Section section, int start, int end) {}

  /** A question in a user's words and the heading of the section that answers it (null: none). */
  record Question(String text, String section) {
    boolean answered() {
      return section != null;
    }
  }

  /** Two turns of a conversation; {@code section} answers the second, which needs the first. */
  record FollowUp(List<String> turns, String section) {}

  private static final String RESOURCES = "/answers/python-faq/";

  /** Roles that name code (a function, a module, a file...): shown as code in answers. */
  private static final Set<String> CODE_ROLES =
      Set.of(
          "func",
          "meth",
          "mod",
          "class",
          "attr",
          "data",
          "exc",
          "obj",
          "const",
          "file",
          "envvar",
          "program",
          "option",
          "c:func",
          "c:type",
          "c:macro",
          "c:data",
          "c:member",
          "samp",
          "kbd",
          "keyword");

  /** A section title's underline (or overline): one punctuation character repeated. */
  private static final Pattern ADORNMENT = Pattern.compile("([-=~^\"*#+])\\1*");

  private static final Pattern DIRECTIVE =
      Pattern.compile("\\.\\.\\s+([\\w-]+(?::[\\w-]+)?)::\\s*(.*)");
  private static final Pattern OPTION = Pattern.compile("\\s*:[\\w-]+:.*");
  private static final Pattern LIST_ITEM = Pattern.compile("\\s*([-*+]|\\d+[.)]|#\\.)\\s+");
  private static final Pattern DOCTEST_FLAG = Pattern.compile("\\s*# doctest:.*");

  /** {@code text <target>} in a role or link: the text is what the page shows. */
  private static final Pattern TITLED = Pattern.compile("(.*?\\S)\\s*<([^<>]+)>");

  /** Inline markup; literals come first so that nothing inside them is taken for markup. */
  private static final Pattern INLINE =
      Pattern.compile(
          "``(.+?)``" // 1: literal
              + "|:([\\w:-]+):`(.+?)`" // 2, 3: role and its content
              + "|`([^`]+)`_{0,2}" // 4: link or interpreted text
              + "|\\*\\*(.+?)\\*\\*" // 5: strong
              + "|(?<![\\w*])\\*(?=[^\\s*])(.+?)(?<=\\S)\\*(?![\\w*])" // 6: emphasis
              + "|\\\\(.)"); // 7: escaped character

  /** Directives whose body is code, shown as it is. */
  private static final Set<String> CODE =
      Set.of("code-block", "code", "sourcecode", "doctest", "testcode");

  /** Directives whose body is text the page shows; the others (index, testsetup...) are hidden. */
  private static final Set<String> TEXT =
      Set.of(
          "note",
          "warning",
          "seealso",
          "tip",
          "important",
          "hint",
          "caution",
          "attention",
          "danger",
          "impl-detail",
          "versionadded",
          "versionchanged",
          "deprecated");

  private static final Map<String, String> VERSION_LABELS =
      Map.of(
          "versionadded", "New in version",
          "versionchanged", "Changed in version",
          "deprecated", "Deprecated since version");

  private PythonFaq() {}

  static boolean available() {
    return Files.isRegularFile(SOURCES.resolve("programming.rst.txt"));
  }

  /** Every question section of every FAQ file but the index, in file order. */
  static List<Section> load() {
    List<Section> sections = new ArrayList<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(PythonFaq::isFaq).sorted().toList()) {
        sections.addAll(sections(file.getFileName().toString(), Files.readAllLines(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sections;
  }

  /** The FAQ's files as Markdown documents, one for each file, in file order. */
  static List<Document> documents(List<Section> sections) {
    List<Document> documents = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    List<SectionSpan> spans = new ArrayList<>();
    for (int i = 0; i < sections.size(); i++) {
      Section section = sections.get(i);
      text.append("## ").append(section.question()).append("\n\n");
      spans.add(new SectionSpan(section, text.length(), text.length() + section.answer().length()));
      text.append(section.answer()).append("\n\n");
      if (i + 1 == sections.size() || !sections.get(i + 1).file().equals(section.file())) {
        documents.add(new Document(text.toString(), List.copyOf(spans)));
        text.setLength(0);
        spans.clear();
      }
    }
    return documents;
  }

  /** The questions of {@code answers/python-faq/<resource>}; uncovered ones have no section. */
  static List<Question> questions(String resource) {
    return jsonLines(resource).stream()
        .map(json -> new Question(json.getString("question"), json.getString("section", null)))
        .toList();
  }

  /** The two-turn conversations of {@code answers/python-faq/<resource>}. */
  static List<FollowUp> followUps(String resource) {
    return jsonLines(resource).stream()
        .map(
            json ->
                new FollowUp(
                    json.getJsonArray("turns").getValuesAs(JsonString::getString),
                    json.getString("section")))
        .toList();
  }

  /** The turns of the conversations of {@code answers/python-faq/<resource>} (no section). */
  static List<List<String>> uncoveredFollowUps(String resource) {
    return jsonLines(resource).stream()
        .map(json -> json.getJsonArray("turns").getValuesAs(JsonString::getString))
        .toList();
  }

  private static boolean isFaq(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".rst.txt") && !name.equals("index.rst.txt");
  }

  /** A file's sections with text; its first heading is the file's title, not a question. */
  private static List<Section> sections(String file, List<String> lines) {
    List<Integer> titles = new ArrayList<>();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (isTitle(lines.get(i), lines.get(i + 1))) {
        titles.add(i);
      }
    }
    List<Section> sections = new ArrayList<>();
    for (int t = 1; t < titles.size(); t++) {
      int end = t + 1 < titles.size() ? headingStart(lines, titles.get(t + 1)) : lines.size();
      String answer = plainText(lines.subList(titles.get(t) + 2, end));
      if (!answer.isEmpty()) {
        sections.add(new Section(file, heading(lines.get(titles.get(t))), answer));
      }
    }
    return sections;
  }

  /** A title starts in column 0 and its underline is at least as long. */
  private static boolean isTitle(String line, String next) {
    return !line.isBlank()
        && indent(line) == 0
        && !isAdornment(line)
        && isAdornment(next)
        && next.strip().length() >= line.strip().length();
  }

  private static boolean isAdornment(String line) {
    return ADORNMENT.matcher(line.stripTrailing()).matches();
  }

  /** The line a heading starts on: its overline if it has one. */
  private static int headingStart(List<String> lines, int title) {
    return title > 0 && isAdornment(lines.get(title - 1)) ? title - 1 : title;
  }

  /** RST as plain text: paragraphs on one line each, code as it is, a blank line between. */
  private static String plainText(List<String> rst) {
    List<String> blocks = new ArrayList<>();
    render(rst, blocks);
    return String.join("\n\n", blocks).replaceAll("^\n+", "").stripTrailing();
  }

  private static void render(List<String> lines, List<String> blocks) {
    int i = 0;
    while (i < lines.size()) {
      String text = lines.get(i).strip();
      if (text.isEmpty()) {
        i++;
      } else if (isExplicitMarkup(text)) {
        int end = indentedEnd(lines, i + 1, indent(lines.get(i)));
        directive(text, lines.subList(i + 1, end), blocks);
        i = end;
      } else if (text.startsWith(">>>")) {
        int end = paragraphEnd(lines, i);
        blocks.add(code(lines.subList(i, end)));
        i = end;
      } else {
        int end = paragraphEnd(lines, i);
        addIfPresent(blocks, paragraph(lines.subList(i, end)));
        i = end;
        if (text(lines.get(end - 1)).endsWith("::")) {
          // A paragraph ending in "::" introduces a literal block: what is indented under it.
          int literalEnd = indentedEnd(lines, end, bodyIndent(lines.get(end - 1)));
          addIfPresent(blocks, code(lines.subList(end, literalEnd)));
          i = literalEnd;
        }
      }
    }
  }

  /** Comments, link targets and directives all start with "..". */
  private static boolean isExplicitMarkup(String text) {
    return text.equals("..") || text.startsWith(".. ");
  }

  private static void directive(String text, List<String> body, List<String> blocks) {
    Matcher directive = DIRECTIVE.matcher(text);
    if (!directive.matches()) {
      return; // a comment (with its indented body) or a link target: the page shows neither
    }
    String name = directive.group(1);
    List<String> content = withoutOptions(body);
    if (CODE.contains(name)) {
      addIfPresent(blocks, code(content));
    } else if (TEXT.contains(name)) {
      String argument = directive.group(2);
      if (VERSION_LABELS.containsKey(name)) {
        argument = VERSION_LABELS.get(name) + " " + argument + ".";
      }
      addIfPresent(blocks, paragraph(List.of(argument)));
      render(content, blocks);
    }
  }

  /** A directive's body without its options (":noindex:", ":linenos:"...). */
  private static List<String> withoutOptions(List<String> body) {
    int start = 0;
    while (start < body.size() && OPTION.matcher(body.get(start)).matches()) {
      start++;
    }
    return body.subList(start, body.size());
  }

  /** Where the lines indented deeper than {@code indent} end, blank lines between them included. */
  private static int indentedEnd(List<String> lines, int from, int indent) {
    int end = from;
    while (end < lines.size() && (lines.get(end).isBlank() || indent(lines.get(end)) > indent)) {
      end++;
    }
    return end;
  }

  private static int paragraphEnd(List<String> lines, int from) {
    int end = from + 1;
    while (end < lines.size()
        && !lines.get(end).isBlank()
        && !isExplicitMarkup(lines.get(end).strip())) {
      end++;
    }
    return end;
  }

  /** The indent of a line's text; in a list item that is after the bullet or number. */
  private static int bodyIndent(String line) {
    Matcher item = LIST_ITEM.matcher(line);
    return item.lookingAt() ? item.end() : indent(line);
  }

  /** A paragraph's lines joined; each list item keeps a line of its own. */
  private static String paragraph(List<String> lines) {
    List<String> items = new ArrayList<>();
    for (String line : lines) {
      String text = text(line);
      if (items.isEmpty() || LIST_ITEM.matcher(text).lookingAt()) {
        items.add(text);
      } else {
        items.set(items.size() - 1, items.get(items.size() - 1) + " " + text);
      }
    }
    items.set(items.size() - 1, withoutLiteralMarker(items.get(items.size() - 1)));
    return String.join("\n", items.stream().map(PythonFaq::inline).toList()).strip();
  }

  /** "this::" shows as "this:", "this ::" as "this" (as docutils does). */
  private static String withoutLiteralMarker(String text) {
    if (!text.endsWith("::")) {
      return text;
    }
    String before = text.substring(0, text.length() - 2);
    return before.isEmpty() || Character.isWhitespace(before.charAt(before.length() - 1))
        ? before.stripTrailing()
        : before + ":";
  }

  /** A line of RST text with its markup replaced by what the page shows. */
  /** A heading as the page shows it: plain text (the question files name sections so). */
  private static String heading(String rst) {
    return render(rst, false);
  }

  /** Answer text: code and names of code in backticks, as a Markdown writer would mark them. */
  private static String inline(String rst) {
    return render(rst, true);
  }

  private static String render(String rst, boolean markCode) {
    Matcher markup = INLINE.matcher(text(rst));
    StringBuilder shown = new StringBuilder();
    while (markup.find()) {
      markup.appendReplacement(shown, Matcher.quoteReplacement(shown(markup, markCode)));
    }
    return markup.appendTail(shown).toString().strip();
  }

  private static String shown(Matcher markup, boolean markCode) {
    if (markup.group(1) != null) {
      return markCode ? "`" + markup.group(1) + "`" : markup.group(1);
    } else if (markup.group(2) != null) {
      String text = role(markup.group(2), markup.group(3));
      return markCode && CODE_ROLES.contains(markup.group(2)) ? "`" + text + "`" : text;
    } else if (markup.group(4) != null) {
      return titleOf(markup.group(4));
    } else if (markup.group(5) != null) {
      return markup.group(5);
    } else if (markup.group(6) != null) {
      return markup.group(6);
    }
    // An escaped space only separates markup from a word ("Py_DECREF`\ 'ing"); it shows nothing.
    return markup.group(7).isBlank() ? "" : markup.group(7);
  }

  private static String role(String name, String content) {
    if (TITLED.matcher(content).matches()) {
      return titleOf(content);
    } else if (name.equals("pep") || name.equals("rfc")) {
      return name.toUpperCase() + " " + content;
    } else if (content.startsWith("~")) {
      String target = content.substring(1); // "~" shows only the last part of a dotted name
      return target.substring(target.lastIndexOf('.') + 1);
    } else if (content.startsWith("!")) {
      return content.substring(1);
    } else if (name.equals("file") || name.equals("samp")) {
      return content.replaceAll("[{}]", ""); // {NN} marks a variable part
    }
    return content;
  }

  /** "text <target>" shows as text; a bare target shows as itself. */
  private static String titleOf(String content) {
    Matcher titled = TITLED.matcher(content);
    return titled.matches() ? titled.group(1) : content;
  }

  /** Code as it is, moved left, without doctest's flags (which the page does not show either). */
  private static String code(List<String> lines) {
    int margin =
        lines.stream().filter(line -> !line.isBlank()).mapToInt(PythonFaq::indent).min().orElse(0);
    List<String> shown = new ArrayList<>();
    for (String line : lines) {
      String code = line.isBlank() ? "" : line.substring(margin).stripTrailing();
      code = DOCTEST_FLAG.matcher(code).replaceAll("");
      // Code stays indented by four spaces, as plain-text and Markdown writers set it apart: the
      // chat shows such lines as code.
      shown.add(code.isEmpty() || code.equals("<BLANKLINE>") ? "" : "    " + code);
    }
    return String.join("\n", shown).replaceAll("\n{3,}", "\n\n").replaceAll("^\n+|\n+$", "");
  }

  /** A line without its indent, its runs of spaces made one. */
  private static String text(String line) {
    return line.strip().replaceAll("\\s+", " ");
  }

  private static int indent(String line) {
    int indent = 0;
    while (indent < line.length() && line.charAt(indent) == ' ') {
      indent++;
    }
    return indent;
  }

  private static void addIfPresent(List<String> blocks, String block) {
    if (!block.isBlank()) {
      blocks.add(block);
    }
  }

  private static List<JsonObject> jsonLines(String resource) {
    try (InputStream in = PythonFaq.class.getResourceAsStream(RESOURCES + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + RESOURCES + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank())
          .map(PythonFaq::json)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject json(String line) {
    try (JsonReader reader = Json.createReader(new StringReader(line))) {
      return reader.readObject();
    }
  }
}
