package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentenceEmbedderTest {
  private static final List<String> TEXTS =
      List.of(
          "the cat sat on the mat",
          "a dog ran in the park",
          "my car is red and fast",
          "How do I reset my password?",
          "Photosynthesis turns light into sugar.",
          "ok",
          "",
          "the cat sat on the mat");

  @Test
  void batchedVectorsEqualSingleVectorsForTheQuantizedModel() {
    assertBatchedEqualsSingle(Embedders.quantized());
  }

  @Test
  void batchedVectorsEqualSingleVectorsForTheFullModel() {
    assertBatchedEqualsSingle(Embedders.full());
  }

  @Test
  void vectorsAreUnitLength() {
    for (float[] vector : Embedders.quantized().embed(TEXTS)) {
      double norm = 0;
      for (float v : vector) {
        norm += v * v;
      }
      assertEquals(1.0, Math.sqrt(norm), 1e-5);
    }
  }

  @Test
  void similarSentencesAreCloserThanUnrelatedOnes() {
    SentenceEmbedder embedder = Embedders.quantized();
    float[] question = embedder.embed("How can I change my password?");
    double related =
        Embedders.cosine(question, embedder.embed("Steps to reset a forgotten password"));
    double unrelated = Embedders.cosine(question, embedder.embed("The recipe needs two eggs."));
    assertTrue(related > unrelated + 0.3, related + " vs " + unrelated);
  }

  @Test
  void textsLongerThanTheTokenLimitAreTruncatedNotRefused() {
    String longText = "word ".repeat(2000);
    String prefix = "word ".repeat(254);
    assertArrayEquals(Embedders.quantized().embed(prefix), Embedders.quantized().embed(longText));
  }

  @Test
  void aClosedEmbedderRefusesWork() {
    SentenceEmbedder embedder =
        SentenceEmbedder.load(EmbeddingModelChoice.ALL_MINILM_L6_V2_INT8, 1, 64);
    embedder.close();
    assertThrows(IllegalStateException.class, () -> embedder.embed("hello"));
  }

  @Test
  void loadsTheModelFromInsideAJarAsFromAFile(@TempDir Path dir) throws IOException {
    EmbeddingModelChoice choice = EmbeddingModelChoice.ALL_MINILM_L6_V2_INT8;
    Path jar = dir.resolve("model.jar");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar));
        InputStream model = SentenceEmbedder.class.getResourceAsStream(choice.modelResource())) {
      zip.putNextEntry(new ZipEntry("model.onnx"));
      model.transferTo(zip);
      zip.closeEntry();
    }
    URL inJar = new URL("jar:" + jar.toUri() + "!/model.onnx");
    try (SentenceEmbedder fromJar = SentenceEmbedder.load(choice, 1, 256, inJar)) {
      assertArrayEquals(Embedders.quantized().embed("hello"), fromJar.embed("hello"));
    }
  }

  private static void assertBatchedEqualsSingle(SentenceEmbedder embedder) {
    List<float[]> batched = embedder.embed(TEXTS);
    for (int i = 0; i < TEXTS.size(); i++) {
      assertArrayEquals(embedder.embed(TEXTS.get(i)), batched.get(i), "text " + i);
    }
  }
}
