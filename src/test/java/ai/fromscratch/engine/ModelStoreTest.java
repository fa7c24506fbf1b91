package ai.fromscratch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.fromscratch.platform.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files on disk: making one active keeps it and the newest others up to {@link
 * ModelStore#MODELS_KEPT}, and deletes the rest with their copy corpora, so that the folder (and
 * every backup of it) does not grow by a model with each training job.
 */
class ModelStoreTest {
  @TempDir Path models;

  @Test
  void makingAModelActiveDeletesAllButTheNewestModelsAndKeepsTheActiveOne() throws IOException {
    Instant start = Instant.parse("2026-12-01T00:00:00Z");
    for (int i = 1; i <= 5; i++) {
      Path model = Files.writeString(models.resolve("model-" + i + ".lm"), "model " + i);
      Files.writeString(ModelStore.copyCorpusFile(model), "corpus " + i);
      Files.setLastModifiedTime(model, FileTime.from(start.plusSeconds(i)));
    }

    store().markActive(models.resolve("model-1.lm"));

    assertEquals(
        Set.of(
            "ACTIVE",
            "model-1.lm",
            "model-1.lm.copy",
            "model-4.lm",
            "model-4.lm.copy",
            "model-5.lm",
            "model-5.lm.copy"),
        files(),
        "the active model, though the oldest, and the two newest");
  }

  @Test
  void withFewModelsNoneIsDeleted() throws IOException {
    Files.writeString(models.resolve("only.lm"), "model");

    store().markActive(models.resolve("only.lm"));

    assertEquals(Set.of("ACTIVE", "only.lm"), files());
  }

  private Set<String> files() throws IOException {
    try (Stream<Path> files = Files.list(models)) {
      return new TreeSet<>(files.map(file -> file.getFileName().toString()).toList());
    }
  }

  private ModelStore store() {
    ModelStore store = new ModelStore();
    store.dataDirectory =
        new DataDirectory() {
          @Override
          public Path models() {
            return models;
          }
        };
    return store;
  }
}
