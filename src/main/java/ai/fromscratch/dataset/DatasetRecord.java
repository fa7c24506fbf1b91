package ai.fromscratch.dataset;

import ai.fromscratch.platform.ParentRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;

/**
 * One record of a dataset: its turns (as JSON) and the record as it was written. Ids come from a
 * table generator in blocks, so records can be inserted in JDBC batches.
 */
@Entity
@Table(
    name = "DATASET_RECORD",
    indexes = @Index(name = "IDX_RECORD_DATASET", columnList = "DATASET_ID, ORDINAL"))
@TableGenerator(
    name = "RecordIds",
    table = "ID_BLOCKS",
    pkColumnName = "SEQUENCE_NAME",
    valueColumnName = "NEXT_VALUE",
    pkColumnValue = "DATASET_RECORD",
    allocationSize = 1000)
@NamedQuery(
    name = DatasetRecord.PAGE,
    query = "SELECT r FROM DatasetRecord r WHERE r.datasetId = :dataset ORDER BY r.ordinal")
@NamedQuery(
    name = DatasetRecord.AFTER,
    query =
        "SELECT r FROM DatasetRecord r WHERE r.datasetId = :dataset AND r.ordinal > :after"
            + " ORDER BY r.ordinal")
@NamedQuery(
    name = DatasetRecord.DELETE_OF_DATASET,
    query = "DELETE FROM DatasetRecord r WHERE r.datasetId = :dataset")
@ParentRow(column = "DATASET_ID", table = "DATASET")
public class DatasetRecord {
  static final String PAGE = "DatasetRecord.page";
  static final String AFTER = "DatasetRecord.after";
  static final String DELETE_OF_DATASET = "DatasetRecord.deleteOfDataset";

  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "RecordIds")
  private Long id;

  @Column(name = "DATASET_ID", nullable = false)
  private long datasetId;

  /** The record's position in the dataset, from 1. */
  @Column(nullable = false)
  private long ordinal;

  @Column(length = 300)
  private String location;

  @Column(name = "SCHEMA_ID", nullable = false, length = 20)
  private String schema;

  /** The turns, as a JSON list of {@code {"role", "text"}}. */
  @Lob
  @Column(nullable = false)
  private String turns;

  @Lob
  @Column(nullable = false)
  private String original;

  @Column(name = "TOKEN_COUNT", nullable = false)
  private int tokens;

  protected DatasetRecord() {}

  DatasetRecord(
      long datasetId,
      long ordinal,
      String location,
      String schema,
      String turns,
      String original,
      int tokens) {
    this.datasetId = datasetId;
    this.ordinal = ordinal;
    this.location = location.length() > 300 ? location.substring(0, 300) : location;
    this.schema = schema;
    this.turns = turns;
    this.original = original;
    this.tokens = tokens;
  }

  public Long getId() {
    return id;
  }

  public long getDatasetId() {
    return datasetId;
  }

  public long getOrdinal() {
    return ordinal;
  }

  public String getLocation() {
    return location;
  }

  public String getSchema() {
    return schema;
  }

  public String getTurns() {
    return turns;
  }

  public String getOriginal() {
    return original;
  }

  public int getTokens() {
    return tokens;
  }
}
