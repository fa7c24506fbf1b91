package ai.fromscratch.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;
import java.util.Optional;

/** The releases in the database: each its own short transaction. */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class ReleaseStore {
  @PersistenceContext(unitName = "fromscratch")
  EntityManager em;

  public Release add(String publishedBy, String reason, ReleaseManifest manifest) {
    Release release = new Release(publishedBy, reason, manifest);
    em.persist(release);
    em.flush();
    return release;
  }

  /** Every release, the newest first. */
  public List<Release> newestFirst() {
    return em.createNamedQuery(Release.NEWEST, Release.class).getResultList();
  }

  public void remove(long id) {
    em.createQuery("DELETE FROM Release r WHERE r.id = :id").setParameter("id", id).executeUpdate();
  }

  public Optional<Release> newest() {
    return em.createNamedQuery(Release.NEWEST, Release.class)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }
}
