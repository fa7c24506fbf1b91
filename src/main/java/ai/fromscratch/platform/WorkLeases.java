package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Claims on long-running work through the database, so that each runs on exactly one of several
 * instances and another learns when the one running it is gone: the instance that starts the work
 * takes its lease, {@link LeaseKeeper} renews it a third of the way through JOB_LEASE_SECONDS, and
 * once a lease has run out another instance fails the work ({@link WorkLapsed}). Work is named by
 * its kind and id, such as {@code training 5}.
 */
@ApplicationScoped
public class WorkLeases {
  @Inject WorkLeaseStore store;
  @Inject InstanceName instance;
  @Inject Settings settings;

  /** This instance takes the work (again, for a restart). */
  public void take(String kind, long id) {
    store.hold(name(kind, id), instance.get(), expiry());
  }

  /** The work ended here: its lease is no longer renewed, and never lapses. */
  public void end(String kind, long id) {
    store.end(name(kind, id), instance.get());
  }

  /** Whether this instance ran the work last, or none is recorded (work from before leases). */
  public boolean ranHereOrNowhere(String kind, long id) {
    return store
        .find(name(kind, id))
        .map(lease -> lease.getHolder().equals(instance.get()))
        .orElse(true);
  }

  Instant expiry() {
    return Instant.now().plusSeconds(settings.getInt(Setting.JOB_LEASE_SECONDS));
  }

  static String name(String kind, long id) {
    return kind + " " + id;
  }
}
