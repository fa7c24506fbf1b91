package ai.fromscratch.training;

import ai.fromscratch.platform.RetriedOnConflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Training jobs in the database. Every method is its own short transaction, reads too: outside a
 * transaction a batch thread could be handed the row as it was at its first read of it.
 */
@ApplicationScoped
@Transactional
@RetriedOnConflict
public class TrainingJobStore {
  private static final EnumSet<JobState> ACTIVE =
      EnumSet.of(JobState.STARTING, JobState.RUNNING, JobState.STOPPING);

  @PersistenceContext(unitName = "fromscratch")
  EntityManager em;

  public TrainingJob create(JobKind kind, String parameters) {
    TrainingJob job = new TrainingJob(kind, parameters);
    em.persist(job);
    em.flush();
    return job;
  }

  public Optional<TrainingJob> find(long id) {
    return Optional.ofNullable(em.find(TrainingJob.class, id));
  }

  public List<TrainingJob> recent(int limit) {
    return em.createNamedQuery(TrainingJob.RECENT, TrainingJob.class)
        .setMaxResults(limit)
        .getResultList();
  }

  public Optional<TrainingJob> activeOfKind(JobKind kind) {
    return em.createNamedQuery(TrainingJob.ACTIVE_OF_KIND, TrainingJob.class)
        .setParameter("kind", kind)
        .setParameter("states", ACTIVE)
        .getResultStream()
        .findFirst();
  }

  public List<TrainingJob> active() {
    return em.createNamedQuery(TrainingJob.IN_STATES, TrainingJob.class)
        .setParameter("states", ACTIVE)
        .getResultList();
  }

  public void submitted(long id, long executionId) {
    TrainingJob job = em.find(TrainingJob.class, id);
    job.setExecutionId(executionId);
    job.setState(JobState.STARTING);
  }

  public void running(long id, long executionId) {
    TrainingJob job = em.find(TrainingJob.class, id);
    job.setExecutionId(executionId);
    job.running();
  }

  public void stopping(long id) {
    em.find(TrainingJob.class, id).setState(JobState.STOPPING);
  }

  public void step(long id, String step, long total) {
    em.find(TrainingJob.class, id).step(step, total);
  }

  public void progress(long id, long done, long total) {
    em.find(TrainingJob.class, id).progress(done, total);
  }

  public void result(long id, String result) {
    em.find(TrainingJob.class, id).setResult(result);
  }

  public void error(long id, String error) {
    em.find(TrainingJob.class, id).failedBecause(error);
  }

  public void ended(long id, JobState state, String error) {
    em.find(TrainingJob.class, id).ended(state, error);
  }
}
