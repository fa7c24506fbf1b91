package ai.fromscratch.platform;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 bucket of the S3_* settings (AWS, or any S3-compatible store at S3_ENDPOINT), with one
 * client for the whole app. Backups keep their archives in it, and shared models their files.
 */
@ApplicationScoped
public class S3Bucket {
  private static final List<Setting> REQUIRED =
      List.of(Setting.S3_BUCKET, Setting.S3_KEY, Setting.S3_SECRET, Setting.S3_REGION);

  @Inject Settings settings;

  private S3Client client;

  /** Whether a bucket is set up: bucket, key, secret and region are all set. */
  public boolean enabled() {
    return REQUIRED.stream().allMatch(settings::isSet);
  }

  /** The settings the bucket still needs, empty when enabled. */
  public List<String> missingSettings() {
    return REQUIRED.stream().filter(s -> !settings.isSet(s)).map(Setting::name).toList();
  }

  public String name() {
    return settings.get(Setting.S3_BUCKET);
  }

  /** Where the objects under {@code prefix} are, for people to read. */
  public String location(String prefix) {
    String bucket = "s3://" + name() + "/" + prefix;
    return settings.isSet(Setting.S3_ENDPOINT)
        ? bucket + " at " + settings.get(Setting.S3_ENDPOINT)
        : bucket;
  }

  public synchronized S3Client client() {
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
