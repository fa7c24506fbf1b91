package ai.fromscratch.engine;

import ai.fromscratch.platform.DataDirectory;
import ai.fromscratch.platform.ModelPresence;
import ai.fromscratch.platform.RestoreParticipant;
import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import ai.fromscratch.retrieval.EmbeddingModelChoice;
import ai.fromscratch.retrieval.IndexDirectories;
import ai.fromscratch.retrieval.PassageIndex;
import ai.fromscratch.retrieval.PassageStore;
import ai.fromscratch.retrieval.SentenceEmbedder;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Holds what answers: the active language model, the sentence embedder and the passage index.
 * Requests read the current model through one atomic reference, so swapping in a new model never
 * blocks or fails a request that is running: it keeps the model it started with. The index takes
 * new passages while it is searched and shows them after each commit. Concurrency is the bean's own
 * (no container lock serializing the requests).
 */
@Singleton
@Startup
@LocalBean
@Local({PassageStore.class, ModelPresence.class, RestoreParticipant.class})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Engine implements PassageStore, ModelPresence, RestoreParticipant {
  private static final Logger LOG = Logger.getLogger(Engine.class.getName());

  private final AtomicReference<ActiveModel> active = new AtomicReference<>();

  @Inject ModelStore modelStore;
  @Inject Settings settings;
  @Inject DataDirectory dataDirectory;

  /** How long a replaced index stays open for the requests that were using it. */
  static final Duration RETIRED_GRACE = Duration.ofSeconds(30);

  private SentenceEmbedder embedder;
  private volatile PassageIndex index;

  /** An index replaced at {@code since} (nanoTime), open until the grace has passed. */
  private record Retired(PassageIndex index, long since) {}

  private final List<Retired> retired = new ArrayList<>();

  @PostConstruct
  void loadAtStart() {
    modelStore.loadActive().ifPresent(active::set);
    EmbeddingModelChoice choice =
        EmbeddingModelChoice.fromName(settings.get(Setting.EMBED_MODEL_NAME));
    embedder = SentenceEmbedder.load(choice);
    index = openIndex(choice.canonicalName());
  }

  /**
   * The searched index, or a new empty one when there is none or it holds another model's vectors.
   */
  private PassageIndex openIndex(String model) {
    IndexDirectories directories = new IndexDirectories(dataDirectory.index());
    Optional<Path> current = directories.activeOrNewest();
    if (current.isPresent()) {
      PassageIndex existing = PassageIndex.open(current.get());
      if (model.equals(existing.embeddingModel())) {
        if (directories.active().isEmpty()) {
          LOG.warning(() -> "The index pointer was missing; searching " + current.get());
          directories.activate(current.get());
        }
        LOG.info(() -> "Opened the passage index with " + existing.count() + " passages");
        return existing;
      }
      LOG.warning(
          () ->
              "The passage index holds vectors of "
                  + existing.embeddingModel()
                  + "; starting a new one for "
                  + model
                  + " (train or index the datasets again)");
      existing.close();
    }
    Path generation = directories.newGeneration();
    PassageIndex created = PassageIndex.create(generation, model);
    directories.activate(generation);
    directories.deleteInactive(generation);
    return created;
  }

  /**
   * Loads again the active model and index from the data directory, after a restore or a release
   * replaced them. Requests still working on the previous index finish on it: it is closed, and its
   * folder deleted, only after {@link #RETIRED_GRACE}.
   */
  public synchronized void reload() {
    active.set(modelStore.loadActive().orElse(null));
    retired.add(new Retired(index, System.nanoTime()));
    index = openIndex(embedder.model().canonicalName());
    LOG.info(() -> "Reloaded the model and the passage index from " + dataDirectory.root());
  }

  /** A restore replaced the model files and the index: answer with them. */
  @Override
  public void afterRestore() {
    reload();
  }

  @Override
  public int order() {
    return 1;
  }

  /** Closes the indexes replaced more than {@link #RETIRED_GRACE} ago, then their folders go. */
  @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
  synchronized void closeRetired() {
    long now = System.nanoTime();
    boolean closed =
        retired.removeIf(
            old -> {
              boolean due = now - old.since() > RETIRED_GRACE.toNanos();
              if (due) {
                old.index().close();
              }
              return due;
            });
    // The folders go once no replaced index is open, and only after a close: not every 10 s.
    if (closed && retired.isEmpty()) {
      new IndexDirectories(dataDirectory.index()).deleteInactive(index.path());
    }
  }

  @PreDestroy
  synchronized void close() {
    retired.forEach(old -> old.index().close());
    index.close();
    embedder.close();
  }

  @Override
  public boolean hasModel() {
    return active.get() != null;
  }

  /** The model answering now, if one has been trained. */
  public Optional<ActiveModel> activeModel() {
    return Optional.ofNullable(active.get());
  }

  @Override
  public SentenceEmbedder embedder() {
    return embedder;
  }

  @Override
  public PassageIndex index() {
    return index;
  }

  /**
   * Loads and checks {@code modelFile}, then makes it the answering model in one step; it is also
   * the model loaded at the next start. Requests already running finish with the previous model.
   */
  public ActiveModel activate(Path modelFile) throws IOException {
    ActiveModel loaded = modelStore.load(modelFile);
    modelStore.markActive(modelFile);
    active.set(loaded);
    LOG.info(() -> "Activated the model " + loaded.id());
    return loaded;
  }
}
