package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Records each start of the server in the database and reads the history back. */
@ApplicationScoped
public class ServerStartLog {
  private final Instant startedAt = Instant.now();

  @PersistenceContext(unitName = "fromscratch")
  EntityManager em;

  @Inject Settings settings;

  /** When this server process started its application. */
  public Instant startedAt() {
    return startedAt;
  }

  @Transactional
  public void record() {
    em.persist(new ServerStart(startedAt, BuildInfo.version(), settings.get(Setting.APP_ENV)));
  }

  public List<ServerStart> recent(int limit) {
    return em.createNamedQuery(ServerStart.RECENT, ServerStart.class)
        .setMaxResults(limit)
        .getResultList();
  }

  public long count() {
    return em.createNamedQuery(ServerStart.COUNT, Long.class).getSingleResult();
  }
}
