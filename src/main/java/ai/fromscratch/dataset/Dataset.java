package ai.fromscratch.dataset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A set of training records uploaded or synthesized by the owner, with what is known of it. */
@Entity
@Table(name = "DATASET")
@NamedQuery(
    name = Dataset.READY,
    query =
        "SELECT d FROM Dataset d WHERE d.status = ai.fromscratch.dataset.DatasetStatus.READY"
            + " ORDER BY d.createdAt DESC, d.id DESC")
@NamedQuery(name = Dataset.BY_SHA, query = "SELECT d FROM Dataset d WHERE d.sha256 = :sha256")
@NamedQuery(
    name = Dataset.IMPORTING,
    query =
        "SELECT d.id FROM Dataset d WHERE d.status = ai.fromscratch.dataset.DatasetStatus.IMPORTING")
public class Dataset {
  static final String READY = "Dataset.ready";
  static final String BY_SHA = "Dataset.bySha";
  static final String IMPORTING = "Dataset.importing";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 255)
  private String name;

  /** {@code upload} or {@code synthetic}. */
  @Column(nullable = false, length = 20)
  private String source;

  @Column(length = 10)
  private String format;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  private DatasetStatus status;

  /** Records per schema, as JSON ({@code {"prompt_response": 10, "text": 2}}). */
  @Column(name = "SCHEMA_MIX", length = 400)
  private String schemaMix;

  @Column(name = "RECORD_COUNT", nullable = false)
  private long records;

  @Column(name = "REJECTED_COUNT", nullable = false)
  private long rejected;

  @Column(name = "TOKEN_COUNT", nullable = false)
  private long tokens;

  @Column(name = "BYTE_COUNT", nullable = false)
  private long bytes;

  /** Unique: the same file is never imported twice (declared on the column so restarts keep it). */
  @Column(name = "SHA256", nullable = false, length = 64, unique = true)
  private String sha256;

  @Column(name = "CREATED_AT", nullable = false)
  private Instant createdAt;

  /** The original file, relative to DATA_DIR/uploads. */
  @Column(name = "STORED_FILE", length = 300)
  private String storedFile;

  /** Where the data came from, as JSON (for synthetic data: model, prompt, time). */
  @Column(length = 4000)
  private String provenance;

  protected Dataset() {}

  Dataset(String name, String source, String sha256, long bytes, String provenance) {
    this.name = name;
    this.source = source;
    this.sha256 = sha256;
    this.bytes = bytes;
    this.provenance = provenance;
    this.status = DatasetStatus.IMPORTING;
    this.createdAt = Instant.now();
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getSource() {
    return source;
  }

  public String getFormat() {
    return format;
  }

  public DatasetStatus getStatus() {
    return status;
  }

  public String getSchemaMix() {
    return schemaMix;
  }

  public long getRecords() {
    return records;
  }

  public long getRejected() {
    return rejected;
  }

  public long getTokens() {
    return tokens;
  }

  public long getBytes() {
    return bytes;
  }

  public String getSha256() {
    return sha256;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getStoredFile() {
    return storedFile;
  }

  public String getProvenance() {
    return provenance;
  }
}
