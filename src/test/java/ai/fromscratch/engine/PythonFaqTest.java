package ai.fromscratch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.engine.PythonFaq.FollowUp;
import ai.fromscratch.engine.PythonFaq.Question;
import ai.fromscratch.engine.PythonFaq.Section;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The Python FAQ loader, and the question files that name its sections. */
class PythonFaqTest {
  private static final Pattern ROLE = Pattern.compile(":[\\w:-]+:`");
  private static List<Section> sections;

  /** The FAQ's sections; skips the test where Debian's python3.11-doc is not installed. */
  private static List<Section> sections() {
    Assumptions.assumeTrue(
        PythonFaq.available(),
        "Python's FAQ is not installed (Debian package python3.11-doc): " + PythonFaq.SOURCES);
    if (sections == null) {
      sections = PythonFaq.load();
    }
    return sections;
  }

  @Test
  void findsTheQuestionsOfEveryFaqFile() {
    List<Section> found = sections();
    System.out.println("Python FAQ: " + found.size() + " question sections");
    assertTrue(found.size() >= 170 && found.size() <= 190, found.size() + " sections");
    assertEquals(
        Set.of(
            "design.rst.txt",
            "extending.rst.txt",
            "general.rst.txt",
            "gui.rst.txt",
            "installed.rst.txt",
            "library.rst.txt",
            "programming.rst.txt",
            "windows.rst.txt"),
        found.stream().map(Section::file).collect(Collectors.toSet()));
  }

  @Test
  void cleansQuestionsAndAnswersToPlainText() {
    assertSection(
        "design.rst.txt",
        "Why does Python use indentation for grouping of statements?",
        "Guido van Rossum believes that using indentation for grouping is extremely elegant");
    assertSection(
        "programming.rst.txt",
        "Why does the result of id() appear to be not unique?",
        "The `id` builtin returns an integer that is guaranteed to be unique during the lifetime");
    // A question on the level of the categories ("=" underline), not of the other questions.
    assertSection(
        "gui.rst.txt",
        "What GUI toolkits exist for Python?",
        "Standard builds of Python include an object-oriented interface to the Tcl/Tk widget set,"
            + " called tkinter. This is probably the easiest to install");
  }

  @Test
  void keepsNoMarkupInAnyAnswer() {
    for (Section section : sections()) {
      String where = section.file() + ": " + section.question();
      assertFalse(ROLE.matcher(section.answer()).find(), where);
      assertFalse(section.answer().contains("``"), where);
      // A leftover link reference ("`text`_"), not code whose name starts with "_".
      assertFalse(Pattern.compile("`_(?![_\\w])").matcher(section.answer()).find(), where);
      assertFalse(Pattern.compile("(?m)^\\s*\\.\\. ").matcher(section.answer()).find(), where);
      assertFalse(section.answer().isBlank(), where);
    }
  }

  @Test
  void marksCodeAsAMarkdownWriterWouldSoTheChatShowsItAsCode() {
    String answer = section("Why does the result of id() appear to be not unique?").answer();

    assertTrue(answer.contains("\n\n    >>> id(1000)\n"), answer);
    assertTrue(answer.startsWith("The `id` builtin"), answer);
  }

  @Test
  void leavesOutWhatTheFaqHasCommentedOut() {
    // The rest of this answer (a termios recipe) is inside an RST comment, hidden on the page.
    assertEquals(
        "For Unix variants there are several solutions. It's straightforward to do this using"
            + " curses, but curses is a fairly large module to learn.",
        section("How do I get a single keypress at a time?").answer());
  }

  @Test
  void everyQuestionFileNamesSectionsOfTheFaq() {
    Set<String> headings = sections().stream().map(Section::question).collect(Collectors.toSet());
    for (String file : List.of("test-questions.jsonl", "dev-questions.jsonl")) {
      for (Question question : PythonFaq.questions(file)) {
        assertTrue(headings.contains(question.section()), file + ": " + question);
      }
    }
    for (String file : List.of("follow-ups.jsonl", "follow-ups-dev.jsonl")) {
      for (FollowUp followUp : PythonFaq.followUps(file)) {
        assertTrue(headings.contains(followUp.section()), file + ": " + followUp);
      }
    }
  }

  @Test
  void questionFilesHaveTheirShape() {
    List<Question> test = PythonFaq.questions("test-questions.jsonl");
    List<Question> dev = PythonFaq.questions("dev-questions.jsonl");
    List<FollowUp> followUps = PythonFaq.followUps("follow-ups.jsonl");
    List<Question> uncovered = PythonFaq.questions("uncovered.jsonl");
    List<FollowUp> followUpsDev = PythonFaq.followUps("follow-ups-dev.jsonl");
    List<Question> uncoveredDev = PythonFaq.questions("uncovered-dev.jsonl");
    assertTrue(
        test.size() >= 45 && dev.size() >= 25, test.size() + " test, " + dev.size() + " dev");
    assertTrue(followUps.size() >= 18 && uncovered.size() >= 24);
    assertTrue(followUpsDev.size() >= 10 && uncoveredDev.size() >= 10);
    assertTrue(test.stream().allMatch(Question::answered));
    assertTrue(dev.stream().allMatch(Question::answered));
    assertTrue(uncovered.stream().noneMatch(Question::answered));
    assertTrue(uncoveredDev.stream().noneMatch(Question::answered));
    assertTrue(followUps.stream().allMatch(followUp -> followUp.turns().size() == 2));
    assertTrue(followUpsDev.stream().allMatch(followUp -> followUp.turns().size() == 2));
    // The follow-ups tuned on answer with development sections only.
    assertTrue(sections(dev).containsAll(followUpsDev.stream().map(FollowUp::section).toList()));
    // The test set is never tuned on, so no section may be asked about in both.
    Set<String> shared = new HashSet<>(sections(test));
    shared.retainAll(sections(dev));
    assertEquals(Set.of(), shared);
  }

  private static Set<String> sections(List<Question> questions) {
    return questions.stream().map(Question::section).collect(Collectors.toSet());
  }

  private static void assertSection(String file, String question, String answerStart) {
    Section section = section(question);
    assertEquals(file, section.file());
    assertTrue(section.answer().startsWith(answerStart), section.answer());
    assertFalse(ROLE.matcher(section.answer()).find(), section.answer());
  }

  private static Section section(String question) {
    return sections().stream()
        .filter(section -> section.question().equals(question))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no section " + question));
  }
}
