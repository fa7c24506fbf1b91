package ai.fromscratch.training;

import ai.fromscratch.dataset.DatasetJson;
import ai.fromscratch.dataset.DatasetService;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.WorkLapsed;
import ai.fromscratch.platform.WorkLeases;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Starts, stops and restarts training jobs, and reports on them: what {@code /api/train} and the
 * Data page do. One job of each kind runs at a time.
 */
@ApplicationScoped
public class TrainingService {
  private static final Logger LOG = Logger.getLogger(TrainingService.class.getName());
  private static final int HISTORY = 50;

  /** The kind of work a training job's lease names. */
  static final String LEASE = "training";

  @Inject TrainingJobStore jobs;
  @Inject DatasetService datasets;
  @Inject WorkLeases leases;

  private final JobOperator operator = BatchRuntime.getJobOperator();

  /** Starts a job; a request naming no dataset trains on every one. */
  public synchronized TrainingStatus start(TrainingRequest request) {
    TrainingRequest chosen = request.on(datasets(request.datasets()));
    JobKind kind = chosen.kind();
    refuseWhileAnotherRuns(kind);
    TrainingJob job = jobs.create(kind, chosen.toJson().toString());
    leases.take(LEASE, job.getId());
    try {
      jobs.submitted(job.getId(), operator.start(kind.jobXml(), startProperties(job)));
    } catch (RuntimeException e) {
      jobs.ended(job.getId(), JobState.FAILED, "The job could not be started: " + e.getMessage());
      leases.end(LEASE, job.getId());
      throw e;
    }
    return status(job.getId());
  }

  public TrainingStatus status(long id) {
    return TrainingStatus.of(job(id));
  }

  public List<TrainingStatus> list() {
    return jobs.recent(HISTORY).stream().map(TrainingStatus::of).toList();
  }

  /**
   * Asks a running job to stop; a chunked step stops after its current chunk. STOPPING is written
   * before the batch runtime is asked, so the job's end, whenever it comes, is the last word.
   */
  public synchronized TrainingStatus stop(long id) {
    TrainingJob job = job(id);
    if (!jobs.stopping(id)) {
      throw ApiException.conflict("Job " + id + " is not running (it is " + state(job(id)) + ")");
    }
    if (leases.ranHereOrNowhere(LEASE, id)) {
      stopExecution(job);
    }
    // Otherwise the instance running it stops it at its watchdog's next sweep (forwardStops).
    return status(id);
  }

  /** Stops the batch executions of this instance's jobs that another instance was asked to stop. */
  public synchronized void forwardStops() {
    activeHere().stream()
        .filter(job -> job.getState() == JobState.STOPPING && job.getExecutionId() != null)
        .forEach(this::stopExecution);
  }

  private void stopExecution(TrainingJob job) {
    try {
      operator.stop(job.getExecutionId());
    } catch (JobExecutionNotRunningException | NoSuchJobExecutionException e) {
      // It ended on its own meanwhile; its listener records how (or, failing that, the watchdog).
      LOG.fine(() -> "Job " + job.getId() + " had ended when it was asked to stop");
    }
  }

  /**
   * Runs a stopped or failed job again: from its last checkpoint on the instance that ran it, and
   * from its first step on any other, since its checkpoints describe files on the disk of the
   * instance that ran it (and the batch runtime there may never have recorded its end).
   */
  public synchronized TrainingStatus restart(long id) {
    TrainingJob job = job(id);
    refuseWhileAnotherRuns(job.getKind());
    if (!jobs.restarting(id)) {
      throw ApiException.conflict(
          "Only a stopped or failed job can be restarted; job " + id + " is " + state(job(id)));
    }
    boolean ranHere = leases.ranHereOrNowhere(LEASE, id);
    leases.take(LEASE, id);
    Properties properties = new Properties();
    properties.setProperty(TrainingContext.JOB_ID, String.valueOf(id));
    try {
      long execution =
          ranHere
              ? operator.restart(job.getExecutionId(), properties)
              : operator.start(job.getKind().jobXml(), startProperties(job));
      jobs.submitted(id, execution);
    } catch (JobRestartException
        | NoSuchJobExecutionException
        | JobExecutionNotMostRecentException e) {
      jobs.ended(id, JobState.FAILED, "The job could not be restarted: " + e.getMessage());
      leases.end(LEASE, id);
      throw ApiException.conflict("Job " + id + " cannot be restarted: " + e.getMessage());
    }
    return status(id);
  }

  /** The batch properties of a job's first run. */
  private static Properties startProperties(TrainingJob job) {
    Properties properties = new Properties();
    properties.setProperty(TrainingContext.JOB_ID, String.valueOf(job.getId()));
    if (job.getKind() == JobKind.NGRAM) {
      properties.setProperty(
          "chunkSize", String.valueOf(NgramParameters.stored(job.parameterJson()).chunkSize()));
    }
    return properties;
  }

  /** Fails the job of an instance that stopped renewing its lease on it. */
  void onLapsed(@Observes WorkLapsed lapsed) {
    if (LEASE.equals(lapsed.kind())
        && jobs.ended(lapsed.id(), JobState.FAILED, restartHint(lapsed))) {
      LOG.warning(() -> "Training job " + lapsed.id() + " failed: " + lapsed.reason());
    }
  }

  private static String restartHint(WorkLapsed lapsed) {
    return lapsed.reason() + "; restart the job to run it here";
  }

  /** This instance's active jobs, and those no instance was recorded as running. */
  public List<TrainingJob> activeHere() {
    return jobs.active().stream()
        .filter(job -> leases.ranHereOrNowhere(LEASE, job.getId()))
        .toList();
  }

  /**
   * Ends the active jobs whose batch execution ended without recording it (see {@link
   * BatchExecutionFacts}). Synchronized with start, stop and restart, so a job between its STARTING
   * and its new execution is never taken for lost.
   */
  public synchronized void endLostJobs() {
    Instant now = Instant.now();
    for (TrainingJob job : activeHere()) {
      BatchExecutionFacts facts = batchFacts(job);
      Optional<JobState> end = facts.lostJobEnd(now);
      if (end.isPresent() && jobs.ended(job.getId(), end.get(), facts.reason())) {
        LOG.warning(
            () ->
                "Training job " + job.getId() + " was lost; it is now " + end.get() + ": " + facts);
      }
    }
  }

  private BatchExecutionFacts batchFacts(TrainingJob job) {
    if (job.getExecutionId() == null) {
      return new BatchExecutionFacts(null, job.getCreatedAt());
    }
    try {
      JobExecution execution = operator.getJobExecution(job.getExecutionId());
      Date last =
          execution.getEndTime() != null ? execution.getEndTime() : execution.getLastUpdatedTime();
      return new BatchExecutionFacts(
          execution.getBatchStatus(), last == null ? null : last.toInstant());
    } catch (NoSuchJobExecutionException e) {
      return new BatchExecutionFacts(null, job.getCreatedAt());
    }
  }

  private void refuseWhileAnotherRuns(JobKind kind) {
    jobs.activeOfKind(kind)
        .ifPresent(
            running -> {
              throw ApiException.conflict(
                  "A "
                      + kind.id()
                      + " training job is already running (job "
                      + running.getId()
                      + ")");
            });
  }

  private TrainingJob job(long id) {
    return jobs.find(id).orElseThrow(() -> ApiException.notFound("No training job " + id));
  }

  private static String state(TrainingJob job) {
    return job.getState().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The chosen datasets, checked; all of them when none are named. */
  private List<Long> datasets(List<Long> requested) {
    if (requested.isEmpty()) {
      List<Long> all = datasets.list().stream().map(DatasetJson::id).sorted().toList();
      if (all.isEmpty()) {
        throw ApiException.conflict("There is no dataset to train on: upload one first");
      }
      return all;
    }
    for (long id : requested) {
      try {
        datasets.get(id);
      } catch (ApiException e) {
        throw ApiException.badRequest("datasets: there is no dataset " + id);
      }
    }
    return List.copyOf(new java.util.LinkedHashSet<>(requested));
  }
}
