package ai.fromscratch.training;

import ai.fromscratch.platform.RetriedOnConflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Training jobs in the database. Every method is its own short transaction, reads too: outside a
 * transaction a batch thread could be handed the row as it was at its first read of it; inside a
 * chunk's transaction a progress write would hold the row until the chunk commits.
 *
 * <p>The batch thread, the requests and the recovery all write a job's row. Each write is one
 * conditional UPDATE that names the states it expects (see {@link JobState#reachedFrom()}), so the
 * database decides which of two racing writes counts, and a late one changes nothing.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
@RetriedOnConflict
public class TrainingJobStore {
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
        .setParameter("states", JobState.ACTIVE)
        .getResultStream()
        .findFirst();
  }

  public List<TrainingJob> active() {
    return em.createNamedQuery(TrainingJob.IN_STATES, TrainingJob.class)
        .setParameter("states", JobState.ACTIVE)
        .getResultList();
  }

  /** Records the batch execution that carries the job; its state is the batch thread's to move. */
  public void submitted(long id, long executionId) {
    whileActive(id, "j.executionId = :execution")
        .setParameter("execution", executionId)
        .executeUpdate();
  }

  /**
   * The batch execution began: STARTING becomes RUNNING. A stop asked for before it began stays
   * STOPPING, and an ended job stays ended.
   */
  public void running(long id, long executionId) {
    whileActive(id, "j.executionId = :execution, j.runStartedAt = :now")
        .setParameter("execution", executionId)
        .setParameter("now", Instant.now())
        .executeUpdate();
    moveTo(id, JobState.RUNNING, "").executeUpdate();
  }

  /** Takes a stopped or failed job back to STARTING for a restart; false when it is neither. */
  public boolean restarting(long id) {
    return moveTo(id, JobState.STARTING, ", j.endedAt = NULL, j.error = NULL").executeUpdate() == 1;
  }

  /** Marks a starting or running job as stopping; false when it is not (it ended meanwhile). */
  public boolean stopping(long id) {
    return moveTo(id, JobState.STOPPING, "").executeUpdate() == 1;
  }

  public void step(long id, String step, long total) {
    whileActive(
            id, "j.step = :step, j.stepStartedAt = :now, j.itemsDone = 0, j.itemsTotal = :total")
        .setParameter("step", step)
        .setParameter("now", Instant.now())
        .setParameter("total", total)
        .executeUpdate();
  }

  public void progress(long id, long done, long total) {
    whileActive(id, "j.itemsDone = :done, j.itemsTotal = :total")
        .setParameter("done", done)
        .setParameter("total", total)
        .executeUpdate();
  }

  public void result(long id, String result) {
    whileActive(id, "j.result = :result").setParameter("result", result).executeUpdate();
  }

  public void error(long id, String error) {
    whileActive(id, "j.error = :error")
        .setParameter("error", TrainingJob.truncatedError(error))
        .executeUpdate();
  }

  /**
   * Ends an active job in {@code state} (STOPPED, COMPLETED or FAILED), adding the time since its
   * run began to its run time; false when it had ended already, which it then stays as it was.
   */
  public boolean ended(long id, JobState state, String error) {
    TrainingJob job = em.find(TrainingJob.class, id);
    if (job == null) {
      return false;
    }
    Instant now = Instant.now();
    double ran =
        job.getRunStartedAt() == null
            ? 0
            : Math.max(0, Duration.between(job.getRunStartedAt(), now).toMillis() / 1000.0);
    return moveTo(
                id,
                state,
                ", j.endedAt = :now, j.error = :error, j.runSeconds = j.runSeconds + :ran")
            .setParameter("now", now)
            .setParameter("error", TrainingJob.truncatedError(error))
            .setParameter("ran", ran)
            .executeUpdate()
        == 1;
  }

  /** An update of the job's fields that applies only while it is active. */
  private Query whileActive(long id, String assignments) {
    return em.createQuery(
            "UPDATE TrainingJob j SET " + assignments + " WHERE j.id = :id AND j.state IN :from")
        .setParameter("id", id)
        .setParameter("from", JobState.ACTIVE);
  }

  /** An update to {@code state}, with more {@code assignments}, from the states that lead to it. */
  private Query moveTo(long id, JobState state, String assignments) {
    return em.createQuery(
            "UPDATE TrainingJob j SET j.state = :to"
                + assignments
                + " WHERE j.id = :id AND j.state IN :from")
        .setParameter("to", state)
        .setParameter("id", id)
        .setParameter("from", state.reachedFrom());
  }
}
