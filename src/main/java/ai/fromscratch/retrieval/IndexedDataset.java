package ai.fromscratch.retrieval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A dataset whose passages are all in the index, for which embedding model, cut how. */
@Entity
@Table(name = "INDEXED_DATASET")
public class IndexedDataset {
  @Id
  @Column(name = "DATASET_ID")
  private Long datasetId;

  @Column(nullable = false)
  private long passages;

  @Column(name = "EMBEDDING_MODEL", nullable = false, length = 120)
  private String embeddingModel;

  @Column(name = "INDEXED_AT", nullable = false)
  private Instant indexedAt;

  /** {@link Chunker#scheme()}; null for a dataset indexed before chunking was recorded. */
  @Column(name = "CHUNKING", length = 120)
  private String chunking;

  protected IndexedDataset() {}

  IndexedDataset(long datasetId, long passages, String embeddingModel, String chunking) {
    this.datasetId = datasetId;
    this.passages = passages;
    this.embeddingModel = embeddingModel;
    this.chunking = chunking;
    this.indexedAt = Instant.now();
  }

  /**
   * Whether its passages are what indexing it now would make: embedded by this model, cut by this
   * scheme. A dataset indexed otherwise is indexed again when a job next indexes.
   */
  boolean isCurrent(String model, String scheme) {
    return embeddingModel.equals(model) && scheme.equals(chunking);
  }

  public Long getDatasetId() {
    return datasetId;
  }

  public long getPassages() {
    return passages;
  }

  public String getEmbeddingModel() {
    return embeddingModel;
  }

  public Instant getIndexedAt() {
    return indexedAt;
  }
}
