package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  private static final String SENTENCES =
      "The first sentence is here. The second one follows it closely. "
          + "A third sentence ends the paragraph.\nThen a new paragraph starts with more words. "
          + "And it goes on for a while, adding words to fill the chunk. Finally it stops.";

  @Test
  void shortTextIsOneChunk() {
    assertEquals(
        List.of(new Chunk("Hello world.", 2, 14)), new Chunker(100, 10).split("  Hello world.  "));
  }

  @Test
  void emptyTextHasNoChunks() {
    assertEquals(List.of(), new Chunker(100, 10).split(" \n "));
  }

  @Test
  void chunksEndAtSentenceBoundariesWhenPossible() {
    String text = "Short sentence number one. Another short one here! Is this a third? ".repeat(6);
    List<Chunk> chunks = new Chunker(80, 0).split(text);
    assertTrue(chunks.size() > 4);
    for (Chunk chunk : chunks) {
      assertTrue(chunk.text().matches(".*[.!?]"), chunk.text());
      assertTrue(chunk.text().length() <= 80, chunk.text());
    }
  }

  @Test
  void aLineBreakAlsoEndsAChunk() {
    String text = "A heading without a full stop\n" + "body words ".repeat(10);
    assertEquals("A heading without a full stop", new Chunker(50, 0).split(text).get(0).text());
  }

  @Test
  void offsetsPointAtTheChunkText() {
    for (Chunk chunk : new Chunker(60, 15).split(SENTENCES)) {
      assertEquals(chunk.text(), SENTENCES.substring(chunk.start(), chunk.end()));
    }
  }

  @Test
  void neverSplitsInsideAWord() {
    String text =
        "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron";
    for (Chunk chunk : new Chunker(20, 6).split(text)) {
      assertTrue(chunk.start() == 0 || text.charAt(chunk.start() - 1) == ' ', chunk.toString());
      assertTrue(chunk.end() == text.length() || text.charAt(chunk.end()) == ' ', chunk.toString());
    }
  }

  @Test
  void consecutiveChunksOverlapByAboutTheOverlap() {
    String text = "word ".repeat(400).strip();
    List<Chunk> chunks = new Chunker(200, 50).split(text);
    assertTrue(chunks.size() > 5);
    for (int i = 1; i < chunks.size(); i++) {
      int shared = chunks.get(i - 1).end() - chunks.get(i).start();
      assertTrue(shared >= 45 && shared <= 50, "shared " + shared);
    }
    assertEquals(text.length(), chunks.get(chunks.size() - 1).end());
  }

  @Test
  void aWordLongerThanTheChunkStaysWhole() {
    String text = "short " + "x".repeat(50) + " tail";
    List<Chunk> chunks = new Chunker(20, 5).split(text);
    assertTrue(chunks.stream().anyMatch(c -> c.text().equals("x".repeat(50))), chunks.toString());
  }

  @Test
  void refusesAnOverlapOfHalfTheSizeOrMore() {
    assertThrows(IllegalArgumentException.class, () -> new Chunker(100, 50));
    assertThrows(IllegalArgumentException.class, () -> new Chunker(100, -1));
  }

  @Test
  void aChunkNeverCrossesAHeadingAndCarriesItsTitle() {
    String text =
        "# Installing\n\nRun the installer.\n\n## On Windows\n\nDouble-click setup.exe.\n\n"
            + "## On Linux\n\nUse apt.\n";
    List<Chunk> chunks = new Chunker(800, 100).split(text);

    assertEquals(
        List.of("Run the installer.", "Double-click setup.exe.", "Use apt."),
        chunks.stream().map(Chunk::text).toList());
    assertEquals(
        List.of("Installing", "On Windows", "On Linux"),
        chunks.stream().map(Chunk::heading).toList());
  }

  @Test
  void windowsLineBreaksSeparateHeadingsAndParagraphsAlike() {
    String text = "# Installing\r\n\r\nRun it.\r\n\r\nSetup\r\n-----\r\n\r\nClick next.\r\n";
    List<Chunk> chunks = new Chunker(800, 100).split(text);

    assertEquals(
        List.of(
            new Chunk("Run it.", 16, 23, "Installing"), new Chunk("Click next.", 43, 54, "Setup")),
        chunks);
  }

  @Test
  void restructuredTextMarkupAPageNeverShowsIsLeftOut() {
    String text =
        "Loops run.\n\n.. _tut-range:\n\nThe range Function\n==================\n\n"
            + ".. index::\n   builtin: range\n\nIt counts.\n\n.. note::\n   Shown.\n";
    List<Chunk> chunks = new Chunker(800, 100).split(text);

    assertEquals(
        List.of("Loops run.", "It counts.\n\n.. note::\n   Shown."),
        chunks.stream().map(Chunk::text).toList());
  }

  @Test
  void underlinedAndOverlinedTitlesAreHeadingsToo() {
    String text =
        "=========\nGuide\n=========\n\nWhy Python?\n-----------\n\nIt reads well.\n\n"
            + "Install\n~~~~~~~\nWith pip.";
    List<Chunk> chunks = new Chunker(800, 100).split(text);

    assertEquals(List.of("Why Python?", "Install"), chunks.stream().map(Chunk::heading).toList());
    assertEquals(List.of("It reads well.", "With pip."), chunks.stream().map(Chunk::text).toList());
  }

  @Test
  void wholeParagraphsArePackedTogetherAndEachChunkStartsOne() {
    String paragraph = "A sentence of some thirty chars. ".repeat(4).strip();
    String text = String.join("\n\n", paragraph, paragraph, paragraph, paragraph, paragraph);
    List<Chunk> chunks = new Chunker(300, 50).split(text);

    assertEquals(3, chunks.size(), chunks.toString());
    for (Chunk chunk : chunks) {
      assertTrue(
          chunk.start() == 0 || text.startsWith("\n\n", chunk.start() - 2), chunk.toString());
      assertTrue(chunk.text().endsWith("chars."), chunk.toString());
    }
  }

  @Test
  void hardWrappedLinesAreOneParagraphCutAfterSentencesNotAtLineEnds() {
    String text =
        ("Lines of this paragraph are wrapped\nat a fixed width, so a line ends\n"
                + "in the middle of a sentence. And\nthe next sentence starts mid-line.\n")
            .repeat(4);
    List<Chunk> chunks = new Chunker(200, 0).split(text);

    assertTrue(chunks.size() > 1, chunks.toString());
    for (Chunk chunk : chunks) {
      assertTrue(chunk.text().endsWith("."), chunk.text());
      assertTrue(chunk.text().startsWith("Lines") || chunk.text().startsWith("And"), chunk.text());
    }
  }

  @Test
  void theNextPieceOfALongParagraphStartsAtASentenceWithinTheOverlap() {
    String text = "One short sentence here. ".repeat(40).strip();
    List<Chunk> chunks = new Chunker(200, 60).split(text);

    assertTrue(chunks.size() > 3, chunks.toString());
    for (int i = 1; i < chunks.size(); i++) {
      assertTrue(chunks.get(i).text().startsWith("One short"), chunks.get(i).text());
      assertTrue(chunks.get(i - 1).end() > chunks.get(i).start(), "the pieces share a sentence");
    }
  }

  @Test
  void aFencedCodeBlockWithBlankLinesIsOneParagraph() {
    String code = "```\ndef f():\n\n    return 1\n```";
    String text = "Intro.\n\n" + code + "\n\n# Next\n\nMore.";
    List<Chunk> chunks = new Chunker(30, 0).split(text);

    assertEquals(List.of("Intro.", code, "More."), chunks.stream().map(Chunk::text).toList());
    assertEquals("More.", chunks.get(chunks.size() - 1).text());
  }

  @Test
  void aTextOfHeadingsAloneIsOneChunk() {
    assertEquals(
        List.of(new Chunk("# Title\n## Part", 1, 16)),
        new Chunker(100, 10).split(" # Title\n## Part\n"));
  }

  @Test
  void aTextChunkIsEmbeddedWithItsSectionTitle() {
    List<Passage> passages =
        Passage.ofText(1, 2, "# Refunds\n\nWithin 30 days.", Chunker.withDefaults());

    assertEquals("Refunds\nWithin 30 days.", passages.get(0).embeddedText());
  }
}
