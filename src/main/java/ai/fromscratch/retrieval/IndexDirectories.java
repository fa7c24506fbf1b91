package ai.fromscratch.retrieval;

import ai.fromscratch.platform.PointerFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The index generations under one folder ({@code DATA_DIR/index}): each rebuild goes into a fresh
 * {@code gen-<n>} folder, and the file {@code ACTIVE} names the generation that is searched. It is
 * replaced by an atomic rename, so a crash mid-build leaves the previous index in charge.
 */
public final class IndexDirectories {
  private static final String POINTER = "ACTIVE";
  private static final String PREFIX = "gen-";

  private final Path root;

  public IndexDirectories(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** A new, empty generation folder numbered after every existing one. */
  public synchronized Path newGeneration() {
    try {
      Files.createDirectories(root);
      long next = generations().stream().mapToLong(IndexDirectories::number).max().orElse(0) + 1;
      return Files.createDirectory(root.resolve(PREFIX + next));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create an index folder under " + root, e);
    }
  }

  /** The generation that is searched, if one was activated and still exists. */
  public Optional<Path> active() {
    return pointer().target(generation -> number(generation) > 0 && Files.isDirectory(generation));
  }

  /**
   * The active generation, or else the newest one: a pointer lost to a crash must not make the
   * index look empty (a fresh one would be built, and the others deleted).
   */
  public Optional<Path> activeOrNewest() {
    Optional<Path> active = active();
    if (active.isPresent()) {
      return active;
    }
    List<Path> all = generations();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Makes {@code generation} the one searched from now on and at the next start. */
  public synchronized void activate(Path generation) {
    if (!generation.getParent().equals(root) || !Files.isDirectory(generation)) {
      throw new IllegalArgumentException(generation + " is not a generation under " + root);
    }
    try {
      pointer().point(generation);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot activate " + generation, e);
    }
  }

  private PointerFile pointer() {
    return new PointerFile(root, POINTER);
  }

  /** Deletes every generation but the active one and {@code keep}; returns how many went. */
  public synchronized int deleteInactive(Path keep) {
    Optional<Path> active = active();
    int deleted = 0;
    for (Path generation : generations()) {
      if (!generation.equals(keep) && !active.map(generation::equals).orElse(false)) {
        deleteRecursively(generation);
        deleted++;
      }
    }
    return deleted;
  }

  /** Deletes one generation folder (one that never became active, or was put aside). */
  public synchronized void discard(Path generation) {
    deleteRecursively(generation);
  }

  /** Every generation folder, oldest first. */
  public List<Path> generations() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return children
          .filter(p -> Files.isDirectory(p) && number(p) > 0)
          .sorted(Comparator.comparingLong(IndexDirectories::number))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + root, e);
    }
  }

  private static long number(Path generation) {
    String name = generation.getFileName().toString();
    if (!name.startsWith(PREFIX)) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(PREFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }
}
