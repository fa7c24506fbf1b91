package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassageIndexTest {
  private static final String MODEL = EmbeddingModelChoice.defaultChoice().canonicalName();

  @TempDir Path dataDir;

  @Test
  void addedPassagesAreFoundWithTheirFields() {
    try (PassageIndex index = PassageIndex.inMemory(MODEL)) {
      indexer(index)
          .add(
              Passage.ofChatPair(
                  4, 11, "How do I reset my password?", "Use the link.", Chunker.withDefaults()));
      index.commit();
      SearchHit hit = search(index, "reset password", 5).get(0);
      assertEquals("d4:r11:q", hit.id());
      assertEquals(4, hit.datasetId());
      assertEquals(11, hit.recordId());
      assertEquals(Passage.QUESTION, hit.kind());
      assertEquals("How do I reset my password?", hit.text());
      assertEquals("Use the link.", hit.answer());
    }
  }

  @Test
  void aTextChunkIsFoundWithTheTitleOfItsSection() {
    try (PassageIndex index = PassageIndex.inMemory(MODEL)) {
      indexer(index)
          .add(
              Passage.ofText(
                  2, 5, "# Refunds\n\nWithin 30 days of purchase.", Chunker.withDefaults()));
      index.commit();
      SearchHit hit = search(index, "refund purchase", 5).get(0);
      assertEquals("Within 30 days of purchase.", hit.text());
      assertEquals("Refunds", hit.heading());
    }
  }

  @Test
  void anEmptyIndexFindsNothing() {
    try (PassageIndex index = PassageIndex.inMemory(MODEL)) {
      assertEquals(List.of(), search(index, "anything at all", 8));
      assertEquals(0, index.count());
    }
  }

  @Test
  void passagesBecomeVisibleAtCommit() {
    try (PassageIndex index = PassageIndex.inMemory(MODEL)) {
      indexer(index)
          .add(Passage.ofChatPair(1, 1, "Question one?", "Answer one.", Chunker.withDefaults()));
      assertEquals(0, index.count());
      index.commit();
      assertEquals(2, index.count());
    }
  }

  @Test
  void addingTheSameRecordAgainReplacesItsPassages() {
    try (PassageIndex index = PassageIndex.inMemory(MODEL)) {
      indexer(index)
          .add(Passage.ofChatPair(1, 1, "Old question?", "Old answer.", Chunker.withDefaults()));
      indexer(index)
          .add(Passage.ofChatPair(1, 1, "New question?", "New answer.", Chunker.withDefaults()));
      index.commit();
      assertEquals(2, index.count());
    }
  }

  @Test
  void deletingADatasetRemovesOnlyItsPassages() {
    try (PassageIndex index = PassageIndex.inMemory(MODEL)) {
      indexer(index).add(Passage.ofChatPair(1, 1, "Keep me?", "Yes.", Chunker.withDefaults()));
      indexer(index).add(Passage.ofChatPair(2, 1, "Delete me?", "Gone.", Chunker.withDefaults()));
      indexer(index)
          .add(Passage.ofChatPair(2, 2, "Delete me too?", "Gone too.", Chunker.withDefaults()));
      index.commit();
      assertEquals(4, index.count(2));
      index.deleteDataset(2);
      index.commit();
      assertEquals(2, index.count());
      assertEquals(0, index.count(2));
      assertEquals(2, index.count(1));
    }
  }

  @Test
  void keepingOnlyTheDatasetsThatExistDropsTheOthersPassages() {
    try (PassageIndex index = PassageIndex.inMemory(MODEL)) {
      for (long dataset = 1; dataset <= 3; dataset++) {
        indexer(index)
            .add(Passage.ofChatPair(dataset, 1, "Question?", "Answer.", Chunker.withDefaults()));
      }
      index.commit();

      index.keepOnlyDatasets(List.of(1L, 3L));
      index.commit();
      assertEquals(List.of(2, 0, 2), List.of(index.count(1), index.count(2), index.count(3)));

      index.keepOnlyDatasets(List.of());
      index.commit();
      assertEquals(0, index.count(), "no dataset left, no passage");
    }
  }

  @Test
  void anIndexOnDiskReopensWithItsPassagesAndModel() {
    Path dir = dataDir.resolve("gen-1");
    try (PassageIndex index = PassageIndex.create(dir, MODEL)) {
      indexer(index)
          .add(
              Passage.ofChatPair(
                  1, 1, "Stored question?", "Stored answer.", Chunker.withDefaults()));
      index.commit();
    }
    try (PassageIndex index = PassageIndex.open(dir)) {
      assertEquals(2, index.count());
      assertEquals(MODEL, index.embeddingModel());
      indexer(index).add(Passage.ofChatPair(1, 2, "Another?", "Yes.", Chunker.withDefaults()));
      index.commit();
    }
    try (PassageIndex index = PassageIndex.open(dir)) {
      assertEquals(4, index.count());
      assertEquals(MODEL, index.embeddingModel());
    }
  }

  @Test
  void mergingToOneSegmentKeepsEveryPassageSearchable() {
    try (PassageIndex index = PassageIndex.create(dataDir.resolve("gen-1"), MODEL)) {
      for (int record = 0; record < 3; record++) {
        indexer(index)
            .add(
                Passage.ofChatPair(
                    1, record, "Question " + record + "?", "Answer.", Chunker.withDefaults()));
        index.commit();
      }
      index.mergeToOneSegment();
      assertEquals(6, index.count());
      assertEquals("d1:r2:q", search(index, "Question 2?", 1).get(0).id());
    }
  }

  /**
   * Beyond the vector search's 50 candidates, a passage only the keyword search finds is scored
   * from the 8-bit vectors as the vector hits are: its cosine is the embedding's, within their
   * rounding.
   */
  @Test
  void aPassageOnlyTheKeywordSearchFindsGetsItsCosine() {
    try (PassageIndex index = PassageIndex.inMemory(MODEL)) {
      List<Passage> passages = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        passages.addAll(
            Passage.ofChatPair(
                1, i, "How do I bake bread number " + i + "?", "Knead.", Chunker.withDefaults()));
      }
      String odd = "The zyzzyva weevil lives in tropical forests.";
      passages.add(new Passage("d2:t1", 2, 1, Passage.TEXT, odd, null, null));
      indexer(index).add(passages);
      index.commit();

      // The words name the odd passage, the vector the bread: its 50 nearest are bread.
      float[] bread = Embedders.quantized().embed("How do I bake bread?");
      SearchHit found =
          index.search("zyzzyva", bread, 12, -1).stream()
              .filter(hit -> hit.id().equals("d2:t1"))
              .findFirst()
              .orElseThrow();
      assertEquals(0, found.vectorRank(), "found by its keyword only");
      double cosine = dot(bread, Embedders.quantized().embed(odd));
      assertEquals(cosine, found.similarity(), 0.02);
    }
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  @Test
  void createRefusesADirectoryThatHoldsAnIndex() {
    Path dir = dataDir.resolve("gen-1");
    PassageIndex.create(dir, MODEL).close();
    assertThrows(IllegalStateException.class, () -> PassageIndex.create(dir, MODEL));
  }

  @Test
  void aRebuiltIndexIsBuiltBesideTheActiveOneAndSwappedIn() {
    IndexDirectories dirs = new IndexDirectories(dataDir.resolve("index"));
    Path first = dirs.newGeneration();
    PassageIndex active = PassageIndex.create(first, MODEL);
    indexer(active).add(Passage.ofChatPair(1, 1, "Old data?", "Old.", Chunker.withDefaults()));
    active.commit();
    dirs.activate(first);

    Path second = dirs.newGeneration();
    try (PassageIndex rebuilt = PassageIndex.create(second, MODEL)) {
      List<Passage> passages = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        passages.addAll(
            Passage.ofChatPair(
                2, i, "New question " + i + "?", "New answer.", Chunker.withDefaults()));
      }
      indexer(rebuilt).addAll(passages, 4, done -> {});
      assertEquals(2, active.count());
      dirs.activate(second);
      active.close();
      dirs.deleteInactive(second);
      assertEquals(List.of(second), dirs.generations());
      assertEquals(10, rebuilt.count());
    }
  }

  @Test
  void indexingReportsProgressAfterEachBatch() {
    try (PassageIndex index = PassageIndex.inMemory(MODEL)) {
      List<Long> progress = new ArrayList<>();
      List<Passage> passages = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        passages.addAll(
            Passage.ofChatPair(
                1, i, "Question " + i + "?", "Answer " + i + ".", Chunker.withDefaults()));
      }
      long added = indexer(index).addAll(passages, 4, progress::add);
      assertEquals(10, added);
      assertEquals(List.of(4L, 8L, 10L), progress);
      assertEquals(10, index.count());
    }
  }

  @Test
  void anIndexerRefusesAnIndexOfAnotherModel() {
    try (PassageIndex index = PassageIndex.inMemory("another-model")) {
      assertThrows(IllegalArgumentException.class, () -> indexer(index));
    }
  }

  @Test
  void refusesVectorsThatAreNotUnitLength() {
    try (PassageIndex index = PassageIndex.inMemory(MODEL)) {
      float[] vector = new float[SentenceEmbedder.DIMENSION];
      vector[0] = 2;
      List<Passage> one = List.of(new Passage("x", 1, 1, Passage.TEXT, "t", null, null));
      assertThrows(IllegalArgumentException.class, () -> index.add(one, List.of(vector)));
    }
  }

  @Test
  void aRareWordWeighsMoreInTheShareOfAQuestionsWordsATextHolds() {
    try (PassageIndex index = PassageIndex.inMemory(MODEL)) {
      List<Passage> passages = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        passages.addAll(
            Passage.ofText(1, i, "Water the plant number " + i + ".", Chunker.withDefaults()));
      }
      passages.addAll(Passage.ofText(1, 9, "A cactus needs little.", Chunker.withDefaults()));
      indexer(index).add(passages);
      index.commit();

      List<Double> shares =
          index.shareOfWordsHeld(
              "and water for a cactus?",
              List.of("Cactus and water.", "Water only.", "A cactus only.", "Neither."));

      assertEquals(1.0, shares.get(0), 1e-9);
      assertEquals(0.0, shares.get(3), 1e-9);
      assertTrue(shares.get(2) > 0.5 && shares.get(1) < 0.5, shares.toString());
      assertEquals(1.0, shares.get(1) + shares.get(2), 1e-9);
      assertEquals(
          List.of(1.0), index.shareOfWordsHeld("and what is it?", List.of("Nothing alike.")));
    }
  }

  static PassageIndexer indexer(PassageIndex index) {
    return new PassageIndexer(Embedders.quantized(), index);
  }

  static List<SearchHit> search(PassageIndex index, String query, int k) {
    return index.search(query, Embedders.quantized().embed(query), k, 0.3);
  }
}
