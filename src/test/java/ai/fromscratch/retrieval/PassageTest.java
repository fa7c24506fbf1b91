package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PassageTest {
  @Test
  void chatPairGivesAQuestionCarryingItsAnswerAndTheAnswer() {
    List<Passage> passages = Passage.ofChatPair(3, 7, "Q?", "A.", Chunker.withDefaults());
    assertEquals(new Passage("d3:r7:q", 3, 7, Passage.QUESTION, "Q?", "A.", null), passages.get(0));
    assertEquals(new Passage("d3:r7:a", 3, 7, Passage.ANSWER, "A.", null, "Q?"), passages.get(1));
  }

  @Test
  void longTextGivesOnePassagePerChunk() {
    List<Passage> passages =
        Passage.ofText(2, 9, "one two three four five six", new Chunker(20, 5));
    assertEquals("d2:r9:c0", passages.get(0).id());
    assertEquals(Passage.TEXT, passages.get(1).kind());
    assertEquals(2, passages.size());
  }

  @Test
  void refusesAnUnknownKind() {
    assertThrows(
        IllegalArgumentException.class, () -> new Passage("x", 1, 1, "note", "t", null, null));
  }
}
