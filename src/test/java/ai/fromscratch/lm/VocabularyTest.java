package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  private final Vocabulary vocabulary =
      Vocabulary.of(List.of("<unk>", "<s>", "</s>", "the", "café"));

  @Test
  void mapsWordsToIdsAndBack() {
    assertEquals(3, vocabulary.id("the"));
    assertEquals(4, vocabulary.id("café"));
    assertEquals("café", vocabulary.word(4));
    assertEquals(5, vocabulary.size());
  }

  @Test
  void unknownWordsMapToUnk() {
    assertEquals(Vocabulary.UNK, vocabulary.id("zebra"));
    assertFalse(vocabulary.contains("zebra"));
    assertTrue(vocabulary.contains("<unk>"));
  }

  @Test
  void markersMustComeFirst() {
    assertThrows(
        IllegalArgumentException.class, () -> Vocabulary.of(List.of("<s>", "<unk>", "</s>")));
  }

  @Test
  void duplicatesAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Vocabulary.of(List.of("<unk>", "<s>", "</s>", "a", "a")));
  }

  @Test
  void manyWordsSurviveTableGrowth() {
    List<String> words = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
    for (int i = 0; i < 20_000; i++) {
      words.add("w" + i);
    }
    Vocabulary large = Vocabulary.of(words);
    for (int i = 0; i < 20_000; i += 997) {
      assertEquals(i + 3, large.id("w" + i));
    }
  }
}
