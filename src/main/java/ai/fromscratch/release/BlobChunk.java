package ai.fromscratch.release;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * A piece of a release file kept in the database (when no S3 bucket is set up). Pieces of a
 * megabyte each keep every read and write small on Derby and PostgreSQL alike, which share no large
 * object API; a {@link StoredBlob} row says that all pieces are there.
 */
@Entity
@Table(
    name = "RELEASE_BLOB_CHUNK",
    indexes = @Index(name = "RELEASE_BLOB_CHUNK_SHA", columnList = "SHA256, SEQ", unique = true))
public class BlobChunk {
  static final int MAX_BYTES = 1 << 20;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "SHA256", nullable = false, length = 64)
  private String sha256;

  @Column(name = "SEQ", nullable = false)
  private int seq;

  @Lob
  @Column(name = "CHUNK_DATA", nullable = false, length = MAX_BYTES)
  private byte[] data;

  protected BlobChunk() {}

  BlobChunk(String sha256, int seq, byte[] data) {
    this.sha256 = sha256;
    this.seq = seq;
    this.data = data;
  }

  byte[] data() {
    return data;
  }
}
