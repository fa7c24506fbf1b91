package ai.fromscratch.backup;

import ai.fromscratch.platform.Digests;
import ai.fromscratch.platform.S3Bucket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Backups in an S3 bucket (or any S3-compatible store at S3_ENDPOINT), under {@code backups/}. Each
 * upload carries its MD5, which the store checks, and its SHA-256 as metadata, which is checked
 * after the upload and after each download.
 */
@ApplicationScoped
public class S3BackupStore {
  private static final String PREFIX = "backups/";
  private static final String SHA256 = "sha256";

  @Inject S3Bucket bucket;

  /** Whether backups go to S3: bucket, key, secret and region are all set. */
  public boolean enabled() {
    return bucket.enabled();
  }

  /** The settings S3 backups still need, empty when enabled. */
  public List<String> missingSettings() {
    return bucket.missingSettings();
  }

  /** Where backups go, for people to read: the bucket and, if not AWS, the endpoint. */
  public String location() {
    return bucket.location(PREFIX);
  }

  void upload(Path archive, ArchiveChecksum checksum) {
    String key = PREFIX + archive.getFileName();
    client()
        .putObject(
            put ->
                put.bucket(bucket())
                    .key(key)
                    .contentLength(checksum.size())
                    .contentMD5(checksum.md5Base64())
                    .contentType("application/zip")
                    .metadata(Map.of(SHA256, checksum.sha256())),
            RequestBody.fromFile(archive));
    HeadObjectResponse stored = client().headObject(head -> head.bucket(bucket()).key(key));
    if (stored.contentLength() != checksum.size()
        || !checksum.sha256().equals(stored.metadata().get(SHA256))) {
      throw new IllegalStateException(
          "S3 holds " + key + " with another size or checksum than the one uploaded");
    }
  }

  /** The backups in the bucket, newest first. */
  List<RemoteBackup> list() {
    List<RemoteBackup> backups = new ArrayList<>();
    try (Stream<S3Object> objects =
        client()
            .listObjectsV2Paginator(list -> list.bucket(bucket()).prefix(PREFIX))
            .contents()
            .stream()) {
      objects
          .filter(object -> BackupNames.isBackup(object.key().substring(PREFIX.length())))
          .forEach(
              object ->
                  backups.add(
                      new RemoteBackup(
                          object.key().substring(PREFIX.length()),
                          object.size(),
                          object.lastModified())));
    }
    backups.sort(BackupNames.NEWEST_FIRST_REMOTE);
    return backups;
  }

  /**
   * Downloads a backup to {@code target} (through a temporary file beside it), refusing it when its
   * bytes do not match the SHA-256 stored with it.
   */
  void download(String name, Path target) throws IOException {
    Path temporary = target.resolveSibling("." + target.getFileName() + ".download");
    MessageDigest sha256 = Digests.sha256();
    String expected;
    try (var object = client().getObject(get -> get.bucket(bucket()).key(PREFIX + name));
        InputStream in = new DigestInputStream(object, sha256)) {
      expected = object.response().metadata().get(SHA256);
      Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
    }
    if (expected == null || !expected.equals(Digests.hex(sha256))) {
      Files.deleteIfExists(temporary);
      throw new BackupRejectedException(
          "the copy downloaded from S3 does not match the checksum stored with it");
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
  }

  void delete(String name) {
    client().deleteObject(delete -> delete.bucket(bucket()).key(PREFIX + name));
  }

  private String bucket() {
    return bucket.name();
  }

  private S3Client client() {
    return bucket.client();
  }
}
