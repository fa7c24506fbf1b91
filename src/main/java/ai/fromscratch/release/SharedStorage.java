package ai.fromscratch.release;

import ai.fromscratch.platform.S3Bucket;
import ai.fromscratch.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whether models are shared, and where their files go. They are shared when the database is a
 * server (DB_URL is set), the only way two instances can see one database: an embedded Derby
 * belongs to one instance, which then keeps its files on its own disk alone. The files go to S3
 * when a bucket is set up, and otherwise into the database itself.
 */
@ApplicationScoped
public class SharedStorage {
  @Inject Settings settings;
  @Inject S3Bucket bucket;
  @Inject BlobChunks chunks;

  public boolean enabled() {
    return settings.sharedDatabase();
  }

  public BlobStore blobs() {
    return bucket.enabled() ? new S3Blobs(bucket) : new DatabaseBlobs(chunks);
  }
}
