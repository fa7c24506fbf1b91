package ai.fromscratch.retrieval;

/** Embedders shared by the tests of one run: loading a model takes a second or more. */
final class Embedders {
  private static SentenceEmbedder quantized;
  private static SentenceEmbedder full;

  private Embedders() {}

  static synchronized SentenceEmbedder quantized() {
    if (quantized == null) {
      quantized = SentenceEmbedder.load(EmbeddingModelChoice.ALL_MINILM_L6_V2_INT8);
    }
    return quantized;
  }

  static synchronized SentenceEmbedder full() {
    if (full == null) {
      full = SentenceEmbedder.load(EmbeddingModelChoice.ALL_MINILM_L6_V2_FP32);
    }
    return full;
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      normA += (double) a[i] * a[i];
      normB += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(normA * normB);
  }
}
