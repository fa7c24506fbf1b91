package ai.fromscratch.synth;

import ai.fromscratch.platform.RetriedOnConflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Synthesis runs in the database; every method is a short transaction. */
@ApplicationScoped
@Transactional
@RetriedOnConflict
public class SynthStore {
  @PersistenceContext(unitName = "fromscratch")
  EntityManager em;

  public SynthRun create(SynthRequest request, String model) {
    SynthRun run = new SynthRun(request, model);
    em.persist(run);
    em.flush();
    return run;
  }

  public Optional<SynthRun> find(long id) {
    return Optional.ofNullable(em.find(SynthRun.class, id));
  }

  public List<SynthRun> recent(int limit) {
    return em.createQuery("SELECT r FROM SynthRun r ORDER BY r.id DESC", SynthRun.class)
        .setMaxResults(limit)
        .getResultList();
  }

  public List<SynthRun> running() {
    return em.createQuery("SELECT r FROM SynthRun r WHERE r.state = :s", SynthRun.class)
        .setParameter("s", SynthState.RUNNING)
        .getResultList();
  }

  public boolean anyRunning() {
    return !running().isEmpty();
  }

  /** Records a run's counts while it runs; a late write after its end changes nothing. */
  public void progress(long id, int pairs, int skipped, int duplicates, int requests) {
    whileRunning(
            id,
            "r.pairs = :pairs, r.skipped = :skipped, r.duplicates = :duplicates,"
                + " r.requests = :requests")
        .setParameter("pairs", pairs)
        .setParameter("skipped", skipped)
        .setParameter("duplicates", duplicates)
        .setParameter("requests", requests)
        .executeUpdate();
  }

  /**
   * Whether the run should stop asking: a cancellation was asked for, or it was ended meanwhile.
   */
  public boolean stopRequested(long id) {
    SynthRun run = em.find(SynthRun.class, id);
    return run == null || run.isCancelRequested() || run.getState().finished();
  }

  /** Asks a running run to stop; false when it had ended already. */
  public boolean requestCancel(long id) {
    return whileRunning(id, "r.cancelRequested = TRUE").executeUpdate() == 1;
  }

  /**
   * Ends a running run in {@code state}; false when it had ended already, which it then stays as it
   * was (the first end is the one that counts).
   */
  public boolean finish(long id, SynthState state, String error, Long datasetId) {
    return whileRunning(
                id, "r.state = :state, r.error = :error, r.datasetId = :dataset, r.endedAt = :now")
            .setParameter("state", state)
            .setParameter("error", SynthRun.truncatedError(error))
            .setParameter("dataset", datasetId)
            .setParameter("now", Instant.now())
            .executeUpdate()
        == 1;
  }

  /** An update that applies only while the run is running, in one conditional statement. */
  private Query whileRunning(long id, String assignments) {
    return em.createQuery(
            "UPDATE SynthRun r SET " + assignments + " WHERE r.id = :id AND r.state = :running")
        .setParameter("id", id)
        .setParameter("running", SynthState.RUNNING);
  }
}
