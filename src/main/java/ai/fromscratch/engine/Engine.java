package ai.fromscratch.engine;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Holds the model that answers. Requests read the current model through one atomic reference, so
 * swapping in a new model never blocks or fails a request that is running: it keeps the model it
 * started with. Concurrency is the bean's own (no container lock serializing the requests).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Engine {
  private static final Logger LOG = Logger.getLogger(Engine.class.getName());

  private final AtomicReference<ActiveModel> active = new AtomicReference<>();

  @Inject ModelStore modelStore;

  @PostConstruct
  void loadAtStart() {
    modelStore.loadActive().ifPresent(active::set);
  }

  public boolean hasModel() {
    return active.get() != null;
  }

  /** The model answering now, if one has been trained. */
  public Optional<ActiveModel> activeModel() {
    return Optional.ofNullable(active.get());
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
