package ai.fromscratch.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A file naming the active entry of its folder (the model file that answers, the index generation
 * that is searched), replaced durably. A pointer that is empty, unreadable, or names anything but
 * an existing entry of the folder counts as missing: never as the folder itself, which a careless
 * resolve of an empty name would give (and a cleanup would then delete every entry).
 */
public final class PointerFile {
  private static final Logger LOG = Logger.getLogger(PointerFile.class.getName());

  private final Path folder;
  private final Path file;

  public PointerFile(Path folder, String name) {
    this.folder = folder.toAbsolutePath().normalize();
    this.file = this.folder.resolve(name);
  }

  /** The entry the pointer names, if it names one that exists and passes {@code kind}. */
  public Optional<Path> target(Predicate<Path> kind) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String name;
    try {
      name = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot read " + file + "; taking it as missing: " + e.getMessage());
      return Optional.empty();
    }
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      return Optional.empty();
    }
    Path entry = folder.resolve(name);
    return kind.test(entry) ? Optional.of(entry) : Optional.empty();
  }

  /** Points at {@code entry}, an entry of this folder, from now on and after a crash. */
  public void point(Path entry) throws IOException {
    Path absolute = entry.toAbsolutePath().normalize();
    if (!folder.equals(absolute.getParent())) {
      throw new IllegalArgumentException(entry + " is not an entry of " + folder);
    }
    DurableFiles.writeString(file, absolute.getFileName().toString());
  }
}
