package ai.fromscratch.release;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A published set of model, tokenizer and index files: the newest row is the one every instance
 * answers with. Rows are added, and removed with the files only they name once newer ones have
 * replaced them ({@link ReleasePruner}).
 */
@Entity
@Table(name = "RELEASE_MANIFEST")
@NamedQuery(name = Release.NEWEST, query = "SELECT r FROM Release r ORDER BY r.id DESC")
public class Release {
  static final String NEWEST = "Release.newest";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "PUBLISHED_AT", nullable = false)
  private Instant publishedAt;

  @Column(name = "PUBLISHED_BY", nullable = false, length = 200)
  private String publishedBy;

  /** What it was published after: a training job, a restore, an import. */
  @Column(nullable = false, length = 200)
  private String reason;

  @Lob
  @Column(nullable = false)
  private String manifest;

  protected Release() {}

  Release(String publishedBy, String reason, ReleaseManifest manifest) {
    this.publishedAt = Instant.now();
    this.publishedBy = publishedBy;
    this.reason = reason;
    this.manifest = manifest.text();
  }

  public long getId() {
    return id;
  }

  public Instant getPublishedAt() {
    return publishedAt;
  }

  public String getPublishedBy() {
    return publishedBy;
  }

  public String getReason() {
    return reason;
  }

  public ReleaseManifest manifest() {
    return ReleaseManifest.parse(manifest);
  }
}
