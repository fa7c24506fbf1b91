package ai.fromscratch.synth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/** One request for synthetic pairs: what was asked, how far it got, and the dataset it made. */
@Entity
@Table(name = "SYNTH_RUN")
public class SynthRun {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Lob
  @Column(nullable = false)
  private String topic;

  /** The example pairs given, as a JSON array. */
  @Lob
  @Column(nullable = false)
  private String examples;

  @Column(nullable = false)
  private int requested;

  @Column(name = "BATCH_SIZE", nullable = false)
  private int batchSize;

  @Column(nullable = false)
  private double temperature;

  @Column(nullable = false, length = 200)
  private String model;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private SynthState state;

  @Column(nullable = false)
  private int pairs;

  @Column(nullable = false)
  private int skipped;

  @Column(nullable = false)
  private int duplicates;

  @Column(nullable = false)
  private int requests;

  @Column(name = "CANCEL_REQUESTED", nullable = false)
  private boolean cancelRequested;

  @Column(length = 2000)
  private String error;

  @Column(name = "DATASET_ID")
  private Long datasetId;

  @Column(name = "CREATED_AT", nullable = false)
  private Instant createdAt;

  @Column(name = "ENDED_AT")
  private Instant endedAt;

  protected SynthRun() {}

  SynthRun(SynthRequest request, String model) {
    this.topic = request.topic();
    this.examples = request.examplesJson();
    this.requested = request.count();
    this.batchSize = request.batchSize();
    this.temperature = request.temperature();
    this.model = model;
    this.state = SynthState.RUNNING;
    this.createdAt = Instant.now();
  }

  /** An error's text as the column holds it: at most 2000 characters. */
  static String truncatedError(String error) {
    return error == null || error.length() <= 2000 ? error : error.substring(0, 1999) + "…";
  }

  public Long getId() {
    return id;
  }

  public String getTopic() {
    return topic;
  }

  public String getExamples() {
    return examples;
  }

  public int getRequested() {
    return requested;
  }

  public int getBatchSize() {
    return batchSize;
  }

  public double getTemperature() {
    return temperature;
  }

  public String getModel() {
    return model;
  }

  public SynthState getState() {
    return state;
  }

  public int getPairs() {
    return pairs;
  }

  public int getSkipped() {
    return skipped;
  }

  public int getDuplicates() {
    return duplicates;
  }

  public int getRequests() {
    return requests;
  }

  public boolean isCancelRequested() {
    return cancelRequested;
  }

  public String getError() {
    return error;
  }

  public Long getDatasetId() {
    return datasetId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getEndedAt() {
    return endedAt;
  }
}
