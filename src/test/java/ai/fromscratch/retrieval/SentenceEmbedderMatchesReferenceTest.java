package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our vectors against langchain4j's in-process all-MiniLM-L6-v2 models (the reference), one text at
 * a time and batched. The texts stay under 128 tokens: langchain4j keeps the tokenizer.json's own
 * truncation at 128, where ours defaults to 256.
 */
class SentenceEmbedderMatchesReferenceTest {
  private static final double MIN_COSINE = 0.9999;
  private static List<String> texts;

  @BeforeAll
  static void texts() throws IOException {
    WordPieceTokenizer tokenizer = Tokenizers.shipped(512);
    texts = new ArrayList<>();
    List<String> candidates = new ArrayList<>(WordPieceMatchesDjlTest.brownLines().subList(0, 40));
    candidates.addAll(WordPieceMatchesDjlTest.HARD_CASES);
    candidates.addAll(
        List.of(
            "How do I reset my password?",
            "What is the capital of France?",
            "Photosynthesis turns light, water and carbon dioxide into sugar and oxygen.",
            "x"));
    for (String text : candidates) {
      // langchain4j refuses blank texts.
      if (!text.isBlank() && tokenizer.tokenize(text).size() <= 128) {
        texts.add(text);
      }
    }
  }

  @Test
  void quantizedModelMatchesLangchain4jOneAtATimeAndBatched() {
    assertMatches(Embedders.quantized(), new AllMiniLmL6V2QuantizedEmbeddingModel());
  }

  @Test
  void fullModelMatchesLangchain4jOneAtATimeAndBatched() {
    assertMatches(Embedders.full(), new AllMiniLmL6V2EmbeddingModel());
  }

  private static void assertMatches(SentenceEmbedder ours, EmbeddingModel reference) {
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
    List<float[]> expected =
        reference.embedAll(segments).content().stream().map(e -> e.vector()).toList();
    List<float[]> batched = ours.embed(texts);
    double minSingle = 1;
    double minBatched = 1;
    for (int i = 0; i < texts.size(); i++) {
      float[] alone = ours.embed(texts.get(i));
      assertEquals(SentenceEmbedder.DIMENSION, alone.length);
      minSingle = Math.min(minSingle, Embedders.cosine(alone, expected.get(i)));
      minBatched = Math.min(minBatched, Embedders.cosine(batched.get(i), expected.get(i)));
    }
    System.out.printf(
        "%s vs langchain4j on %d texts: min cosine %.9f alone, %.9f batched%n",
        ours.model().canonicalName(), texts.size(), minSingle, minBatched);
    assertTrue(minSingle >= MIN_COSINE, "one at a time: min cosine " + minSingle);
    assertTrue(minBatched >= MIN_COSINE, "batched: min cosine " + minBatched);
  }
}
