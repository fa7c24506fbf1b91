package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.Optional;

/** The claims' rows, each statement its own transaction (see {@link WorkClaims}). */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class WorkClaimStore {
  @PersistenceContext(unitName = "fromscratch")
  EntityManager em;

  public void insert(String name, String holder) {
    em.persist(new WorkClaim(name, holder));
    em.flush();
  }

  public Optional<WorkClaim> find(String name) {
    return Optional.ofNullable(em.find(WorkClaim.class, name));
  }

  /** Deletes the claims made before {@code before}: their work is long done. */
  public int deleteBefore(Instant before) {
    return em.createQuery("DELETE FROM WorkClaim c WHERE c.claimedAt < :before")
        .setParameter("before", before)
        .executeUpdate();
  }
}
