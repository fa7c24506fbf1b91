package ai.fromscratch.training;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.Instant;

/**
 * A training job as the owner sees it: what it builds, with which parameters, how far it got and
 * what came out. One row across the batch executions of a job (a restart adds an execution), so its
 * id stays the same and its history survives server restarts.
 */
@Entity
@Table(name = "TRAINING_JOB")
@NamedQuery(
    name = TrainingJob.RECENT,
    query = "SELECT j FROM TrainingJob j ORDER BY j.createdAt DESC, j.id DESC")
@NamedQuery(
    name = TrainingJob.ACTIVE_OF_KIND,
    query = "SELECT j FROM TrainingJob j WHERE j.kind = :kind AND j.state IN :states")
@NamedQuery(
    name = TrainingJob.IN_STATES,
    query = "SELECT j FROM TrainingJob j WHERE j.state IN :states")
public class TrainingJob {
  static final String RECENT = "TrainingJob.recent";
  static final String ACTIVE_OF_KIND = "TrainingJob.activeOfKind";
  static final String IN_STATES = "TrainingJob.inStates";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 10)
  private JobKind kind;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 10)
  private JobState state;

  /** The parameters as JSON, as validated when the job was started. */
  @Column(nullable = false, length = 4000)
  private String parameters;

  @Column(length = 40)
  private String step;

  @Column(name = "ITEMS_DONE", nullable = false)
  private long itemsDone;

  @Column(name = "ITEMS_TOTAL", nullable = false)
  private long itemsTotal;

  @Column(name = "EXECUTION_ID")
  private Long executionId;

  @Column(name = "CREATED_AT", nullable = false)
  private Instant createdAt;

  /** When the current run (the first, or the latest restart) began. */
  @Column(name = "RUN_STARTED_AT")
  private Instant runStartedAt;

  /** When the current step began, for the estimate of the time left. */
  @Column(name = "STEP_STARTED_AT")
  private Instant stepStartedAt;

  @Column(name = "ENDED_AT")
  private Instant endedAt;

  /** Seconds spent running over all runs, without the time spent stopped. */
  @Column(name = "RUN_SECONDS", nullable = false)
  private double runSeconds;

  /** The figures of the result as JSON (perplexity, n-gram counts, model file...). */
  @Column(length = 4000)
  private String result;

  @Column(length = 2000)
  private String error;

  protected TrainingJob() {}

  TrainingJob(JobKind kind, String parameters) {
    this.kind = kind;
    this.parameters = parameters;
    this.state = JobState.STARTING;
    this.createdAt = Instant.now();
  }

  public Long getId() {
    return id;
  }

  public JobKind getKind() {
    return kind;
  }

  public JobState getState() {
    return state;
  }

  public String getParameters() {
    return parameters;
  }

  /** The parameters, read. */
  JsonObject parameterJson() {
    try (JsonReader reader = Json.createReader(new StringReader(parameters))) {
      return reader.readObject();
    }
  }

  public String getStep() {
    return step;
  }

  public long getItemsDone() {
    return itemsDone;
  }

  public long getItemsTotal() {
    return itemsTotal;
  }

  public Long getExecutionId() {
    return executionId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getRunStartedAt() {
    return runStartedAt;
  }

  public Instant getStepStartedAt() {
    return stepStartedAt;
  }

  public Instant getEndedAt() {
    return endedAt;
  }

  public double getRunSeconds() {
    return runSeconds;
  }

  public String getResult() {
    return result;
  }

  public String getError() {
    return error;
  }

  /** A failure's text as the column holds it: at most its first 2000 characters. */
  static String truncatedError(String failure) {
    return failure == null || failure.length() <= 2000 ? failure : failure.substring(0, 2000);
  }
}
