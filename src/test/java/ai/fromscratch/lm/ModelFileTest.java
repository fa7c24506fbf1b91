package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  private static NgramModel model;
  @TempDir Path directory;

  @BeforeAll
  static void estimate() {
    model = TestCorpus.estimateWithFallback(3, TestCorpus.brownLines(500));
  }

  @Test
  void savedModelLoadsWithIdenticalScoresAndMetadata() throws IOException {
    Path file = directory.resolve("model.bin");
    ModelFile.save(file, model, Map.of("dataset", "brown", "perplexity", "123.4"));
    StoredModel loaded = ModelFile.load(file);
    assertEquals(Map.of("dataset", "brown", "perplexity", "123.4"), loaded.metadata());
    assertEquals(model.totalNgrams(), loaded.model().totalNgrams());
    assertEquals(model.memoryBytes(), loaded.model().memoryBytes());
    for (String[] sentence : ReferenceData.testSentences().subList(0, 50)) {
      assertEquals(
          new TextScorer(model).score(sentence), new TextScorer(loaded.model()).score(sentence));
    }
  }

  @Test
  void aLoadedModelIsMappedAndOnlyItsVocabularyTakesHeap() throws IOException {
    Path file = directory.resolve("model.bin");
    ModelFile.save(file, model, Map.of());
    NgramModel loaded = ModelFile.load(file).model();
    assertTrue(loaded.isMapped());
    assertEquals(loaded.vocabulary().memoryBytes(), loaded.heapBytes());
    assertTrue(loaded.heapBytes() < loaded.memoryBytes() / 2, loaded.heapBytes() + " bytes");
  }

  @Test
  void aVocabularyLargerThanTheHeapBudgetIsRefusedBeforeItIsRead() throws IOException {
    Path file = directory.resolve("model.bin");
    ModelFile.save(file, model, Map.of());
    ModelTooLargeException error =
        assertThrows(ModelTooLargeException.class, () -> ModelFile.load(file, 10_000));
    assertTrue(error.getMessage().contains("needs about"), error.getMessage());
    assertTrue(error.getMessage().endsWith("0 MB are free"), error.getMessage());
  }

  @Test
  void savingReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = directory.resolve("model.bin");
    Files.writeString(file, "old content");
    ModelFile.save(file, model, Map.of());
    ModelFile.load(file);
    try (var files = Files.list(directory)) {
      assertArrayEquals(new Object[] {file}, files.toArray());
    }
  }

  @Test
  void wrongMagicIsReported() throws IOException {
    Path file = directory.resolve("model.bin");
    Files.writeString(file, "\\data\\\nngram 1=3\n");
    assertMessage(file, "wrong magic");
  }

  @Test
  void unsupportedVersionIsReported() throws IOException {
    byte[] bytes = saved();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 99);
    assertMessage(write(bytes), "unsupported model format version 99");
  }

  @Test
  void truncatedFileIsReported() throws IOException {
    byte[] bytes = saved();
    assertMessage(write(Arrays.copyOf(bytes, bytes.length / 2)), "truncated");
    assertMessage(write(Arrays.copyOf(bytes, 12)), "truncated");
  }

  @Test
  void flippedByteFailsTheChecksum() throws IOException {
    byte[] bytes = saved();
    bytes[bytes.length / 2] ^= 0x40;
    assertMessage(write(bytes), "checksum mismatch");
  }

  @Test
  void trailingBytesAreReported() throws IOException {
    byte[] bytes = saved();
    assertMessage(write(Arrays.copyOf(bytes, bytes.length + 3)), "trailing");
  }

  private byte[] saved() throws IOException {
    Path file = directory.resolve("good.bin");
    ModelFile.save(file, model, Map.of("k", "v"));
    return Files.readAllBytes(file);
  }

  private Path write(byte[] bytes) throws IOException {
    Path file = directory.resolve("bad.bin");
    Files.write(file, bytes);
    return file;
  }

  private static void assertMessage(Path file, String expected) {
    ModelFormatException error =
        assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
    assertTrue(error.getMessage().contains(expected), error.getMessage());
  }
}
