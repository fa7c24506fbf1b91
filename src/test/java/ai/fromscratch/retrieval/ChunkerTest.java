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
}
