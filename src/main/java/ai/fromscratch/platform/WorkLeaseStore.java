package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The leases' rows; each method is its own short transaction (see {@link WorkLeases}). */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
@RetriedOnConflict
public class WorkLeaseStore {
  @PersistenceContext(unitName = "fromscratch")
  EntityManager em;

  public void hold(String work, String holder, Instant until) {
    WorkLease lease = em.find(WorkLease.class, work);
    if (lease == null) {
      em.persist(new WorkLease(work, holder, until));
    } else {
      lease.hold(holder, until);
    }
  }

  public Optional<WorkLease> find(String work) {
    return Optional.ofNullable(em.find(WorkLease.class, work));
  }

  /** Extends every running lease of {@code holder} to {@code until}. */
  public int renew(String holder, Instant until) {
    return em.createQuery(
            "UPDATE WorkLease l SET l.until = :until"
                + " WHERE l.holder = :holder AND l.until IS NOT NULL")
        .setParameter("until", until)
        .setParameter("holder", holder)
        .executeUpdate();
  }

  /** The running leases of other instances than {@code holder} that ran out before {@code now}. */
  public List<WorkLease> lapsed(String holder, Instant now) {
    return em.createQuery(
            "SELECT l FROM WorkLease l WHERE l.holder <> :holder AND l.until < :now",
            WorkLease.class)
        .setParameter("holder", holder)
        .setParameter("now", now)
        .getResultList();
  }

  /** Ends a lease, keeping who held it; only the holder's own, so a takeover is not undone. */
  public void end(String work, String holder) {
    em.createQuery(
            "UPDATE WorkLease l SET l.until = NULL WHERE l.work = :work AND l.holder = :holder")
        .setParameter("work", work)
        .setParameter("holder", holder)
        .executeUpdate();
  }
}
