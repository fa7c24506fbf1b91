package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IndexedDatasetTest {
  private static final String MODEL = EmbeddingModelChoice.defaultChoice().canonicalName();
  private static final String SCHEME = Chunker.withDefaults().scheme();

  @Test
  void aDatasetIndexedByTheSameModelAndCutTheSameWayIsCurrent() {
    assertTrue(new IndexedDataset(1, 10, MODEL, SCHEME).isCurrent(MODEL, SCHEME));
  }

  @Test
  void anotherModelOrAnotherCutMeansIndexingAgain() {
    assertFalse(new IndexedDataset(1, 10, "another-model", SCHEME).isCurrent(MODEL, SCHEME));
    assertFalse(
        new IndexedDataset(1, 10, MODEL, new Chunker(400, 50).scheme()).isCurrent(MODEL, SCHEME));
  }

  @Test
  void aDatasetIndexedBeforeChunkingWasRecordedIsIndexedAgain() {
    assertFalse(new IndexedDataset(1, 10, MODEL, null).isCurrent(MODEL, SCHEME));
  }
}
