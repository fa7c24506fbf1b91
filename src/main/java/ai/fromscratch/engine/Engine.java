package ai.fromscratch.engine;

import ai.fromscratch.platform.DataDirectory;
import ai.fromscratch.platform.ModelPresence;
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
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
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
@Local({PassageStore.class, ModelPresence.class})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Engine implements PassageStore, ModelPresence {
  private static final Logger LOG = Logger.getLogger(Engine.class.getName());

  private final AtomicReference<ActiveModel> active = new AtomicReference<>();

  @Inject ModelStore modelStore;
  @Inject Settings settings;
  @Inject DataDirectory dataDirectory;

  private SentenceEmbedder embedder;
  private volatile PassageIndex index;

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
   * Loads again the active model and index from the data directory, after a restore replaced them.
   * A search running on the previous index at that moment may fail; later ones see the new one.
   */
  public synchronized void reload() {
    active.set(modelStore.loadActive().orElse(null));
    PassageIndex previous = index;
    index = openIndex(embedder.model().canonicalName());
    previous.close();
    LOG.info(() -> "Reloaded the model and the passage index from " + dataDirectory.root());
  }

  @PreDestroy
  void close() {
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
