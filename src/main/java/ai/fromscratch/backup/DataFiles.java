package ai.fromscratch.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The folders of DATA_DIR a backup holds itself, and their place in the archive. */
final class DataFiles {
  static final String MODELS = "models/";
  static final String TOKENIZER = "tokenizer/";

  private DataFiles() {}

  /** The finished files of a folder: files being written have a name starting with a dot. */
  static List<Path> list(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    }
  }
}
