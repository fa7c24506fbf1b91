package ai.fromscratch.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A scratch folder under DATA_DIR/work where a restore unpacks, deleted with all it holds. */
final class Staging implements AutoCloseable {
  private final Path directory;

  Staging(Path work) throws IOException {
    directory = Files.createDirectories(work.resolve("restore-" + System.nanoTime()));
  }

  Path directory() {
    return directory;
  }

  Path resolve(String path) {
    return directory.resolve(path);
  }

  @Override
  public void close() throws IOException {
    deleteRecursively(directory);
  }

  static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path file : files) {
      Files.deleteIfExists(file);
    }
  }
}
