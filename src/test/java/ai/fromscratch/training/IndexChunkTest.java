package ai.fromscratch.training;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.retrieval.Passage;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexChunkTest {
  @Test
  void shortRecordsFillAChunkAtTheRecordLimit() {
    IndexChunk chunk = new IndexChunk();
    for (int i = 1; i < IndexChunk.MAX_RECORDS; i++) {
      chunk.add(List.of(text("a short record")));
    }
    assertFalse(chunk.full());
    chunk.add(List.of(text("the last one")));
    assertTrue(chunk.full());
  }

  @Test
  void longRecordsFillAChunkLongBeforeTheRecordLimitSoTheHeapHoldsAFewMegabytes() {
    IndexChunk chunk = new IndexChunk();
    String longText = "x".repeat(100_000);
    int records = 0;
    while (!chunk.full()) {
      chunk.add(List.of(text(longText)));
      records++;
    }
    assertTrue(records == IndexChunk.MAX_CHARS / longText.length(), records + " records");
  }

  @Test
  void answersCountWithTheirQuestionsAndAClearedChunkStartsAgain() {
    IndexChunk chunk = new IndexChunk();
    String half = "y".repeat((int) IndexChunk.MAX_CHARS / 2);
    chunk.add(List.of(new Passage("1:0:q", 1, 0, Passage.QUESTION, half, half, null)));
    assertTrue(chunk.full());
    chunk.clear();
    assertFalse(chunk.full());
  }

  private static Passage text(String text) {
    return new Passage("1:0:c0", 1, 0, Passage.TEXT, text, null, null);
  }
}
