package ai.fromscratch.dataset;

import ai.fromscratch.platform.RestoreParticipant;
import ai.fromscratch.platform.UploadSpool;
import ai.fromscratch.platform.WorkLapsed;
import ai.fromscratch.platform.WorkLeases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Removes what interrupted imports left behind, so nothing partial stays: at start-up this
 * instance's, once another instance stops renewing its lease that instance's, and after a restore
 * every one (a restore waits for running imports, so those rows come from the backup).
 */
@ApplicationScoped
public class DatasetRecovery implements RestoreParticipant {
  private static final Logger LOG = Logger.getLogger(DatasetRecovery.class.getName());

  @Inject DatasetStore store;
  @Inject UploadSpool spool;
  @Inject WorkLeases leases;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
    drop(
        store.importing().stream()
            .filter(id -> leases.ranHereOrNowhere(DatasetImportService.LEASE, id))
            .toList());
    spool.discardLeftovers();
  }

  void onLapsed(@Observes WorkLapsed lapsed) {
    if (DatasetImportService.LEASE.equals(lapsed.kind())
        && store.importing().contains(lapsed.id())) {
      drop(List.of(lapsed.id()));
    }
  }

  @Override
  public Optional<String> busyReason() {
    return store.importing().isEmpty()
        ? Optional.empty()
        : Optional.of("A dataset is being imported: restore when it is done");
  }

  /** Deletes every dataset recorded as importing, though no import runs. */
  @Override
  public void afterRestore() {
    drop(store.importing());
  }

  private void drop(List<Long> interrupted) {
    interrupted.forEach(store::delete);
    if (!interrupted.isEmpty()) {
      LOG.warning(() -> "Removed the partial imports of datasets " + interrupted);
    }
  }
}
