package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmbeddingModelChoiceTest {
  @Test
  void plainNamesSelectTheQuantizedModel() {
    assertEquals(
        EmbeddingModelChoice.ALL_MINILM_L6_V2_INT8,
        EmbeddingModelChoice.fromName("sentence-transformers/all-MiniLM-L6-v2"));
    assertEquals(
        EmbeddingModelChoice.ALL_MINILM_L6_V2_INT8,
        EmbeddingModelChoice.fromName("all-MiniLM-L6-v2"));
    assertEquals(EmbeddingModelChoice.defaultChoice(), EmbeddingModelChoice.ALL_MINILM_L6_V2_INT8);
  }

  @Test
  void precisionSuffixSelectsTheFile() {
    assertEquals(
        EmbeddingModelChoice.ALL_MINILM_L6_V2_FP32,
        EmbeddingModelChoice.fromName("sentence-transformers/all-MiniLM-L6-v2:fp32"));
    assertEquals(
        EmbeddingModelChoice.ALL_MINILM_L6_V2_INT8,
        EmbeddingModelChoice.fromName(" ALL-MINILM-L6-V2:INT8 "));
  }

  @Test
  void unknownNameIsRefusedWithTheSupportedNames() {
    UnsupportedEmbeddingModelException e =
        assertThrows(
            UnsupportedEmbeddingModelException.class,
            () -> EmbeddingModelChoice.fromName("BAAI/bge-small-en"));
    assertTrue(e.getMessage().contains("BAAI/bge-small-en"), e.getMessage());
    for (String name : EmbeddingModelChoice.supportedNames()) {
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
    assertTrue(e.supportedNames().contains("sentence-transformers/all-MiniLM-L6-v2:fp32"));
  }

  @Test
  void everySupportedNameResolves() {
    for (String name : EmbeddingModelChoice.supportedNames()) {
      EmbeddingModelChoice.fromName(name);
    }
  }
}
