package ai.fromscratch.backup;

import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
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
  private static final List<Setting> REQUIRED =
      List.of(Setting.S3_BUCKET, Setting.S3_KEY, Setting.S3_SECRET, Setting.S3_REGION);

  @Inject Settings settings;

  private S3Client client;

  /** Whether backups go to S3: bucket, key, secret and region are all set. */
  public boolean enabled() {
    return REQUIRED.stream().allMatch(settings::isSet);
  }

  /** The settings S3 backups still need, empty when enabled. */
  public List<String> missingSettings() {
    return REQUIRED.stream().filter(s -> !settings.isSet(s)).map(Setting::name).toList();
  }

  /** Where backups go, for people to read: the bucket and, if not AWS, the endpoint. */
  public String location() {
    String bucket = "s3://" + settings.get(Setting.S3_BUCKET) + "/" + PREFIX;
    return settings.isSet(Setting.S3_ENDPOINT)
        ? bucket + " at " + settings.get(Setting.S3_ENDPOINT)
        : bucket;
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
    return settings.get(Setting.S3_BUCKET);
  }

  private synchronized S3Client client() {
    if (client == null) {
      S3ClientBuilder builder =
          S3Client.builder()
              .region(Region.of(settings.get(Setting.S3_REGION)))
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(
                          settings.get(Setting.S3_KEY), settings.get(Setting.S3_SECRET))))
              .httpClientBuilder(
                  UrlConnectionHttpClient.builder()
                      .connectionTimeout(Duration.ofSeconds(10))
                      .socketTimeout(Duration.ofMinutes(2)))
              // Many S3-compatible stores reject the SDK's newer default checksum headers; the
              // Content-MD5 of each upload is checked by every one of them.
              .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
              .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
      if (settings.isSet(Setting.S3_ENDPOINT)) {
        builder
            .endpointOverride(URI.create(settings.get(Setting.S3_ENDPOINT)))
            .forcePathStyle(true);
      }
      client = builder.build();
    }
    return client;
  }

  @PreDestroy
  synchronized void close() {
    if (client != null) {
      client.close();
    }
  }
}
