package ai.fromscratch.release;

import ai.fromscratch.engine.Engine;
import ai.fromscratch.engine.ModelStore;
import ai.fromscratch.lm.WorkFiles;
import ai.fromscratch.platform.DataDirectory;
import ai.fromscratch.platform.Digests;
import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import ai.fromscratch.retrieval.IndexDirectories;
import ai.fromscratch.retrieval.RetrievalService;
import ai.fromscratch.tokenizer.TokenizerService;
import ai.fromscratch.training.TrainingService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this instance on the newest release: every RELEASE_POLL_SECONDS it asks the database for
 * it, and when it is newer than the one adopted, fetches the files it lacks (those it has, by
 * checksum, are linked from its own copies), checks each against its SHA-256, and swaps model and
 * index in as a restore does. Until then the instance answers with what it had; a file that fails
 * its check leaves it so, and the next poll tries again.
 */
@Singleton
@Startup
@DependsOn("Engine")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReleaseFollower {
  private static final Logger LOG = Logger.getLogger(ReleaseFollower.class.getName());

  @Resource TimerService timers;
  @Inject SharedStorage storage;
  @Inject ReleaseStore releases;
  @Inject Settings settings;
  @Inject DataDirectory dataDirectory;
  @Inject Engine engine;
  @Inject ModelStore models;
  @Inject TokenizerService tokenizer;
  @Inject TrainingService training;
  @Inject RetrievalService retrieval;

  @PostConstruct
  void schedule() {
    if (!storage.enabled()) {
      return;
    }
    long every = settings.getInt(Setting.RELEASE_POLL_SECONDS) * 1000L;
    timers.createIntervalTimer(0, every, new TimerConfig(null, false));
    LOG.info(() -> "Following the shared releases in " + storage.blobs().location());
  }

  @Timeout
  void poll() {
    try {
      follow();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Could not adopt the newest release; answering as before", e);
    }
  }

  /**
   * Adopts the newest release if it is newer than this instance's. Not while a training job of this
   * instance writes to the index it would replace: that job publishes its own release when it ends,
   * and a newer one is adopted after it.
   */
  public synchronized void follow() throws IOException {
    AdoptedRelease adopted = new AdoptedRelease(dataDirectory.root());
    Optional<Release> newest = releases.newest();
    if (newest.isEmpty()
        || newest.get().getId() <= adopted.id()
        || !training.activeHere().isEmpty()) {
      return;
    }
    Release release = newest.get();
    long started = System.nanoTime();
    ReleaseManifest manifest = release.manifest();
    Path staging = dataDirectory.work().resolve("release-" + release.getId());
    WorkFiles.deleteTree(staging);
    try {
      fetch(manifest, adopted.manifest(), staging);
      install(manifest, staging);
    } finally {
      WorkFiles.deleteTree(staging);
    }
    adopted.record(release.getId(), manifest);
    LOG.info(
        () ->
            "Adopted release "
                + release.getId()
                + " of "
                + release.getPublishedBy()
                + " (after "
                + release.getReason()
                + ") in "
                + (System.nanoTime() - started) / 1_000_000
                + " ms");
  }

  private void fetch(ReleaseManifest wanted, ReleaseManifest had, Path staging) throws IOException {
    BlobStore blobs = storage.blobs();
    Optional<Path> index = new IndexDirectories(dataDirectory.index()).active();
    for (ReleaseFile file : wanted.files()) {
      Optional<Path> local = had.holds(file) ? localCopy(file, index) : Optional.empty();
      if (local.isPresent() && !file.folder().equals("index")) {
        // Already where the release puts it: a model or tokenizer this instance answers with.
        continue;
      }
      Path target = staging.resolve(file.path());
      Files.createDirectories(target.getParent());
      if (local.isPresent()) {
        Files.copy(local.get(), target);
      } else {
        blobs.get(file.sha256(), target);
      }
      if (Files.size(target) != file.size() || !Digests.sha256(target).equals(file.sha256())) {
        throw new IOException(file.path() + " does not match the checksum of its release");
      }
    }
  }

  private Optional<Path> localCopy(ReleaseFile file, Optional<Path> index) {
    Path folder =
        switch (file.folder()) {
          case "models" -> dataDirectory.models();
          case "tokenizer" -> dataDirectory.tokenizer();
          default -> index.orElse(null);
        };
    return Optional.ofNullable(folder)
        .map(dir -> dir.resolve(file.name()))
        .filter(Files::isRegularFile);
  }

  /** The files of {@code folder} that {@link #fetch} staged: those not already in place. */
  private static List<ReleaseFile> staged(ReleaseManifest manifest, String folder, Path staging) {
    return manifest.in(folder).stream()
        .filter(file -> Files.isRegularFile(staging.resolve(file.path())))
        .toList();
  }

  private void install(ReleaseManifest manifest, Path staging) throws IOException {
    for (ReleaseFile file : staged(manifest, "models", staging)) {
      Path target = dataDirectory.models().resolve(file.name());
      if (!Files.exists(target)) {
        Files.move(staging.resolve(file.path()), target, StandardCopyOption.ATOMIC_MOVE);
      }
    }
    Optional<ReleaseFile> model = manifest.model();
    if (model.isPresent()) {
      models.markActive(dataDirectory.models().resolve(model.get().name()));
    }
    for (ReleaseFile file : staged(manifest, "tokenizer", staging)) {
      Files.move(
          staging.resolve(file.path()),
          dataDirectory.tokenizer().resolve(file.name()),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    }
    tokenizer.forget();
    IndexDirectories directories = new IndexDirectories(dataDirectory.index());
    Path generation = directories.newGeneration();
    for (ReleaseFile file : manifest.in("index")) {
      Files.move(staging.resolve(file.path()), generation.resolve(file.name()));
    }
    directories.activate(generation);
    engine.reload();
    retrieval.dropDeletedDatasets();
  }
}
