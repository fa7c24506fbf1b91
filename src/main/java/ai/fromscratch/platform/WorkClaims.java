package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * Work that must run on one instance only, such as a scheduled backup: each instance that would do
 * it tries to insert a row named for it, and the database's primary key lets exactly one succeed.
 * Whoever tries second (or again) learns who took it.
 */
@ApplicationScoped
public class WorkClaims {
  private static final Duration KEPT = Duration.ofDays(30);

  @Inject WorkClaimStore store;
  @Inject InstanceName instance;

  /** Whether this instance holds the claim on {@code name}: it took it now, or had before. */
  public boolean claim(String name) {
    if (store.find(name).isPresent()) {
      return heldHere(name);
    }
    try {
      store.insert(name, instance.get());
      store.deleteBefore(Instant.now().minus(KEPT));
      return true;
    } catch (RuntimeException e) {
      // The key was taken (or the database failed): whoever holds the row does the work.
      return heldHere(name);
    }
  }

  private boolean heldHere(String name) {
    return store.find(name).map(claim -> claim.getHolder().equals(instance.get())).orElse(false);
  }

  /** The instance holding the claim on {@code name}, if one does. */
  public String holder(String name) {
    return store.find(name).map(WorkClaim::getHolder).orElse("nobody");
  }
}
