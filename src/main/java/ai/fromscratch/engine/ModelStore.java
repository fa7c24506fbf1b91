package ai.fromscratch.engine;

import ai.fromscratch.copy.CopyCorpus;
import ai.fromscratch.copy.CopyCorpusFile;
import ai.fromscratch.lm.ModelFile;
import ai.fromscratch.lm.StoredModel;
import ai.fromscratch.platform.DataDirectory;
import ai.fromscratch.platform.PointerFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The model files under {@code DATA_DIR/models}: each trained or imported model is one file, and
 * the file {@code ACTIVE} names the one that answers. Loading falls back to the newest good file
 * when the named one is missing or damaged, so a bad file never leaves the app without a model.
 * Making a model active deletes the files of all but the {@link #MODELS_KEPT} newest (the active
 * one is always kept): every training job adds a model, and every backup carries the folder.
 */
@ApplicationScoped
public class ModelStore {
  static final String EXTENSION = ".lm";
  static final String COPY_EXTENSION = ".copy";
  private static final String POINTER = "ACTIVE";

  /** The model files kept: the active one, and the newest others to fall back on. */
  static final int MODELS_KEPT = 3;

  private static final Logger LOG = Logger.getLogger(ModelStore.class.getName());

  @Inject DataDirectory dataDirectory;

  /** The model named by the pointer, or else the newest model file that loads. */
  public Optional<ActiveModel> loadActive() {
    List<Path> candidates = new ArrayList<>();
    pointedFile().ifPresent(candidates::add);
    modelFiles().stream().filter(file -> !candidates.contains(file)).forEach(candidates::add);
    for (Path file : candidates) {
      try {
        ActiveModel model = load(file);
        LOG.info(() -> "Loaded the model " + file.getFileName());
        return Optional.of(model);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Skipping the model file " + file + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /**
   * Loads and checks a model file (checksum and structure) without activating it, with the copy
   * corpus of its training text when one was written beside it and fits the heap. Its n-grams are
   * mapped from the file; only its vocabulary takes heap, and one that would not fit is refused
   * ({@link ai.fromscratch.lm.ModelTooLargeException}) before it is read.
   */
  public ActiveModel load(Path file) throws IOException {
    StoredModel stored = ModelFile.load(file, HeapBudget.spareBytes());
    return ActiveModel.of(file.getFileName().toString(), stored, copyCorpus(file));
  }

  /** The copy corpus beside a model file ({@code <model>.copy}). */
  public static Path copyCorpusFile(Path model) {
    return model.resolveSibling(model.getFileName() + COPY_EXTENSION);
  }

  private static CopyCorpus copyCorpus(Path model) {
    Path file = copyCorpusFile(model);
    if (!Files.isRegularFile(file)) {
      return CopyCorpus.empty();
    }
    try {
      return CopyCorpusFile.load(file, HeapBudget.spareBytes());
    } catch (IOException e) {
      // Answers still copy from the passages; only the training text is not copied from.
      LOG.warning(() -> "Answering without the copy corpus " + file + ": " + e.getMessage());
      return CopyCorpus.empty();
    }
  }

  /**
   * Makes {@code file} the model loaded at the next start (the pointer is replaced durably), and
   * deletes the model files beyond the {@link #MODELS_KEPT} kept.
   */
  public void markActive(Path file) {
    try {
      pointer().point(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record the active model", e);
    }
    deleteReplaced(file.getFileName().toString());
  }

  /**
   * Deletes the model files (and their copy corpora) other than the active one and the newest
   * others. A model still answering a request in flight stays readable: its mapping outlives the
   * file's name.
   */
  private void deleteReplaced(String active) {
    List<Path> others =
        modelFiles().stream()
            .filter(file -> !file.getFileName().toString().equals(active))
            .toList();
    for (Path old : others.subList(Math.min(MODELS_KEPT - 1, others.size()), others.size())) {
      try {
        Files.deleteIfExists(copyCorpusFile(old));
        Files.deleteIfExists(old);
        LOG.info(() -> "Deleted the replaced model " + old.getFileName());
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Could not delete the replaced model " + old, e);
      }
    }
  }

  private Optional<Path> pointedFile() {
    return pointer().target(Files::isRegularFile);
  }

  private PointerFile pointer() {
    return new PointerFile(dataDirectory.models(), POINTER);
  }

  /** Model files, newest first. */
  private List<Path> modelFiles() {
    try (Stream<Path> files = Files.list(dataDirectory.models())) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(EXTENSION))
          .sorted(Comparator.comparing(ModelStore::lastModified).reversed())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the model files", e);
    }
  }

  private static long lastModified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
