package ai.fromscratch.retrieval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A dataset whose passages are all in the index, and for which embedding model. */
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

  protected IndexedDataset() {}

  IndexedDataset(long datasetId, long passages, String embeddingModel) {
    this.datasetId = datasetId;
    this.passages = passages;
    this.embeddingModel = embeddingModel;
    this.indexedAt = Instant.now();
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
