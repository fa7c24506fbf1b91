package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one directory (DATA_DIR) that holds everything the app keeps, and its well-known sub-folders.
 */
@ApplicationScoped
public class DataDirectory {
  @Inject Settings settings;

  public Path root() {
    return settings.dataDir();
  }

  public Path models() {
    return folder("models");
  }

  public Path uploads() {
    return folder("uploads");
  }

  public Path index() {
    return folder("index");
  }

  public Path backups() {
    return folder("backups");
  }

  public Path work() {
    return folder("work");
  }

  public Path tokenizer() {
    return folder("tokenizer");
  }

  /**
   * Deletes the temporary files that writes cut short by a crash left behind: every file that
   * matters is written under a name ending in {@code .tmp} and renamed when complete, so such a
   * file at start-up is never part of the data. Returns what was deleted.
   */
  public List<Path> discardUnfinishedWrites() {
    List<Path> deleted = new ArrayList<>();
    for (Path folder : List.of(models(), backups(), index(), tokenizer())) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(DataDirectory::isUnfinished).toList()) {
          Files.deleteIfExists(file);
          deleted.add(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot clean " + folder, e);
      }
    }
    return deleted;
  }

  private static boolean isUnfinished(Path file) {
    return file.getFileName().toString().endsWith(".tmp") && Files.isRegularFile(file);
  }

  /** Free space on the data directory's disk and the bytes each folder holds. */
  public StorageUsage usage() {
    Path root = root();
    try {
      long free = Files.getFileStore(Files.createDirectories(root)).getUsableSpace();
      return new StorageUsage(root.toString(), free, sizeOf(root));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the disk usage of " + root, e);
    }
  }

  private static long sizeOf(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
    }
  }

  private Path folder(String name) {
    Path folder = root().resolve(name);
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + folder + " under DATA_DIR", e);
    }
  }
}
