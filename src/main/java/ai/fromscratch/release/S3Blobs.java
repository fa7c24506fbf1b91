package ai.fromscratch.release;

import ai.fromscratch.platform.S3Bucket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Release files in the S3 bucket, under {@code releases/blobs/<sha256>}. */
final class S3Blobs implements BlobStore {
  private static final String PREFIX = "releases/blobs/";

  private final S3Bucket bucket;

  S3Blobs(S3Bucket bucket) {
    this.bucket = bucket;
  }

  @Override
  public boolean has(String sha256) {
    try {
      bucket.client().headObject(head -> head.bucket(bucket.name()).key(PREFIX + sha256));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void put(String sha256, Path file) throws IOException {
    long size = Files.size(file);
    bucket
        .client()
        .putObject(
            put -> put.bucket(bucket.name()).key(PREFIX + sha256).contentLength(size),
            RequestBody.fromFile(file));
  }

  @Override
  public void delete(String sha256) {
    bucket.client().deleteObject(delete -> delete.bucket(bucket.name()).key(PREFIX + sha256));
  }

  @Override
  public void get(String sha256, Path target) throws IOException {
    try (var object =
        bucket.client().getObject(get -> get.bucket(bucket.name()).key(PREFIX + sha256))) {
      Files.copy(object, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public String location() {
    return bucket.location(PREFIX);
  }
}
