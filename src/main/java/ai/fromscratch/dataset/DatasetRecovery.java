package ai.fromscratch.dataset;

import ai.fromscratch.platform.UploadSpool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;

/** At start-up, removes what imports interrupted by a crash left behind: nothing partial stays. */
@ApplicationScoped
public class DatasetRecovery {
  private static final Logger LOG = Logger.getLogger(DatasetRecovery.class.getName());

  @Inject DatasetStore store;
  @Inject UploadSpool spool;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
    dropPartialImports();
    spool.discardLeftovers();
  }

  /** Deletes the datasets recorded as importing, though no import runs. */
  public void dropPartialImports() {
    List<Long> interrupted = store.importing();
    interrupted.forEach(store::delete);
    if (!interrupted.isEmpty()) {
      LOG.warning(() -> "Removed the partial imports of datasets " + interrupted);
    }
  }
}
