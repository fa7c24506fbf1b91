package ai.fromscratch.retrieval;

import ai.fromscratch.platform.BackedUpFolder;
import ai.fromscratch.platform.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The passage index in backups: its last commit's files, held while the backup reads them though
 * passages go on being added; restored into a new generation that becomes the active one, or an
 * empty index when the backup held none.
 */
@ApplicationScoped
public class IndexBackup implements BackedUpFolder {
  @Inject PassageStore store;
  @Inject DataDirectory dataDirectory;

  @Override
  public String folder() {
    return "index";
  }

  @Override
  public void backUp(FileSink sink) throws IOException {
    store.index().readLastCommit(sink::add);
  }

  @Override
  public Undo restore(Path restored) throws IOException {
    IndexDirectories indexes = new IndexDirectories(dataDirectory.index());
    Optional<Path> previous = indexes.active();
    Path generation = indexes.newGeneration();
    Undo undo =
        () -> {
          previous.ifPresent(indexes::activate);
          indexes.discard(generation);
        };
    try {
      moveFiles(restored, generation);
      if (isEmpty(generation)) {
        PassageIndex.create(generation, store.embedder().model().canonicalName()).close();
      }
      indexes.activate(generation);
      return undo;
    } catch (IOException | RuntimeException e) {
      undo.undo();
      throw e;
    }
  }

  private static boolean isEmpty(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.findAny().isEmpty();
    }
  }

  private static void moveFiles(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.move(file, to.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
      }
    }
  }
}
