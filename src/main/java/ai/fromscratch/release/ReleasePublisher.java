package ai.fromscratch.release;

import ai.fromscratch.dataset.DatasetDeleted;
import ai.fromscratch.engine.ActiveModel;
import ai.fromscratch.engine.Engine;
import ai.fromscratch.engine.ModelImported;
import ai.fromscratch.engine.ModelStore;
import ai.fromscratch.platform.DataDirectory;
import ai.fromscratch.platform.DataRestored;
import ai.fromscratch.platform.Digests;
import ai.fromscratch.platform.InstanceName;
import ai.fromscratch.platform.TrainingCompleted;
import ai.fromscratch.retrieval.PassageIndex;
import ai.fromscratch.retrieval.RetrievalService;
import ai.fromscratch.tokenizer.TokenizerService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes what this instance answers with (the model and its copy corpus, the tokenizer, the
 * index's last commit) as a new release, after a training job, a restore, an ARPA import or the
 * deletion of a dataset. Each file is uploaded once: a blob that is already stored (an unchanged
 * index segment) is not sent again. Releases older than the newest {@link
 * ReleasePruner#RELEASES_KEPT} are then removed.
 */
@ApplicationScoped
public class ReleasePublisher {
  private static final Logger LOG = Logger.getLogger(ReleasePublisher.class.getName());

  @Inject SharedStorage storage;
  @Inject ReleaseStore releases;
  @Inject Engine engine;
  @Inject TokenizerService tokenizer;
  @Inject DataDirectory dataDirectory;
  @Inject InstanceName instance;
  @Inject RetrievalService retrieval;
  @Inject ReleasePruner pruner;

  void afterTraining(@ObservesAsync TrainingCompleted completed) {
    publishQuietly("training job " + completed.jobId());
  }

  void afterRestore(@Observes DataRestored restored) {
    publishQuietly("restore of " + restored.backup());
  }

  void afterImport(@Observes ModelImported imported) {
    publishQuietly("import of " + imported.modelId());
  }

  /** The index lost the dataset's passages here; the others learn it from the release. */
  void afterDatasetDeleted(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) DatasetDeleted deleted) {
    publishQuietly("deletion of dataset " + deleted.datasetId());
  }

  private void publishQuietly(String reason) {
    try {
      publish(reason);
    } catch (IOException | RuntimeException e) {
      // The work itself succeeded here; only the other instances do not see it yet.
      LOG.log(Level.WARNING, "Could not publish the release after " + reason, e);
    }
  }

  /** Publishes the current files as the newest release; empty when models are not shared. */
  public synchronized Optional<Release> publish(String reason) throws IOException {
    if (!storage.enabled()) {
      return Optional.empty();
    }
    long started = System.nanoTime();
    BlobStore blobs = storage.blobs();
    List<ReleaseFile> files = new ArrayList<>();
    Optional<ActiveModel> model = engine.activeModel();
    if (model.isPresent()) {
      Path file = dataDirectory.models().resolve(model.get().id());
      files.add(upload(blobs, "models/" + file.getFileName(), file));
      Path copy = ModelStore.copyCorpusFile(file);
      if (Files.isRegularFile(copy)) {
        files.add(upload(blobs, "models/" + copy.getFileName(), copy));
      }
    }
    addTokenizer(blobs, files);
    retrieval.dropDeletedDatasets();
    PassageIndex index = engine.index();
    index.readLastCommit(
        (name, content) -> files.add(upload(blobs, "index/" + name, index.path().resolve(name))));
    ReleaseManifest manifest = new ReleaseManifest(files);
    Release release = releases.add(instance.get(), reason, manifest);
    new AdoptedRelease(dataDirectory.root()).record(release.getId(), manifest);
    pruner.keepNewestQuietly(ReleasePruner.RELEASES_KEPT);
    LOG.info(
        () ->
            "Published release "
                + release.getId()
                + " ("
                + files.size()
                + " files, after "
                + reason
                + ") to "
                + blobs.location()
                + " in "
                + (System.nanoTime() - started) / 1_000_000
                + " ms");
    return Optional.of(release);
  }

  /** The tokenizer is replaced by a rename at any time: a copy of it is what is published. */
  private void addTokenizer(BlobStore blobs, List<ReleaseFile> files) throws IOException {
    Path live = tokenizer.file();
    if (!Files.isRegularFile(live)) {
      return;
    }
    Path copy = Files.createTempFile(dataDirectory.work(), "tokenizer", ".json");
    try {
      Files.copy(live, copy, StandardCopyOption.REPLACE_EXISTING);
      files.add(upload(blobs, "tokenizer/" + live.getFileName(), copy));
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  private static ReleaseFile upload(BlobStore blobs, String path, Path file) {
    try {
      ReleaseFile entry = new ReleaseFile(path, Digests.sha256(file), Files.size(file));
      if (!blobs.has(entry.sha256())) {
        blobs.put(entry.sha256(), file);
      }
      return entry;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot publish " + path, e);
    }
  }
}
