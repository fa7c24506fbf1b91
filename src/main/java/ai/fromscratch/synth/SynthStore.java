package ai.fromscratch.synth;

import ai.fromscratch.platform.RetriedOnConflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
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

  public void progress(long id, int pairs, int skipped, int duplicates, int requests) {
    em.find(SynthRun.class, id).progress(pairs, skipped, duplicates, requests);
  }

  public boolean cancelRequested(long id) {
    return em.find(SynthRun.class, id).isCancelRequested();
  }

  public void requestCancel(long id) {
    em.find(SynthRun.class, id).requestCancel();
  }

  public SynthRun finish(long id, SynthState state, String error, Long datasetId) {
    SynthRun run = em.find(SynthRun.class, id);
    run.finish(state, error, datasetId);
    return run;
  }
}
