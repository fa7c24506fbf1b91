package ai.fromscratch.release;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A release file whose every {@link BlobChunk} is stored: written after the last one. */
@Entity
@Table(name = "RELEASE_BLOB")
public class StoredBlob {
  @Id
  @Column(name = "SHA256", length = 64)
  private String sha256;

  @Column(name = "BLOB_SIZE", nullable = false)
  private long size;

  @Column(name = "CHUNK_COUNT", nullable = false)
  private int chunks;

  protected StoredBlob() {}

  StoredBlob(String sha256, long size, int chunks) {
    this.sha256 = sha256;
    this.size = size;
    this.chunks = chunks;
  }

  int chunks() {
    return chunks;
  }
}
