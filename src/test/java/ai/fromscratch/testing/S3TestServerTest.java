package ai.fromscratch.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 fixture answers the AWS SDK the way the app's backups use it, including restarts. */
class S3TestServerTest {
  private static final String BUCKET = "backups";

  @TempDir Path storage;

  @Test
  void putHeadListGetDelete() {
    try (S3TestServer server = S3TestServer.start(storage);
        S3Client s3 = client(server)) {
      server.createBucket(BUCKET);
      byte[] bytes = "model weights".getBytes(StandardCharsets.UTF_8);

      put(s3, "runs/1.bin", bytes, md5(bytes));

      HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("runs/1.bin"));
      assertEquals(sha256(bytes), head.metadata().get("sha256"));
      assertEquals(bytes.length, head.contentLength());
      List<String> listed =
          s3.listObjectsV2(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
      assertEquals(List.of("runs/1.bin"), listed);
      assertEquals(List.of("runs/1.bin"), server.keys(BUCKET));
      assertArrayEquals(
          bytes, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("runs/1.bin")).asByteArray());
      assertArrayEquals(bytes, server.read(BUCKET, "runs/1.bin"));

      s3.deleteObject(b -> b.bucket(BUCKET).key("runs/1.bin"));
      assertEquals(List.of(), server.keys(BUCKET));
    }
  }

  @Test
  void refusesBodyThatDoesNotMatchContentMd5() {
    try (S3TestServer server = S3TestServer.start(storage);
        S3Client s3 = client(server)) {
      server.createBucket(BUCKET);
      byte[] good = "complete upload".getBytes(StandardCharsets.UTF_8);
      put(s3, "runs/1.bin", good, md5(good));
      byte[] damaged = "truncated uplo".getBytes(StandardCharsets.UTF_8);

      S3Exception refused =
          assertThrows(S3Exception.class, () -> put(s3, "runs/1.bin", damaged, md5(good)));
      assertEquals(400, refused.statusCode());
      assertEquals("BadDigest", refused.awsErrorDetails().errorCode());
      assertThrows(S3Exception.class, () -> put(s3, "runs/2.bin", damaged, md5(good)));

      // A refused upload must neither replace the previous object nor leave a new one behind.
      assertArrayEquals(good, server.read(BUCKET, "runs/1.bin"));
      assertEquals(List.of("runs/1.bin"), server.keys(BUCKET));
    }
  }

  @Test
  void objectsSurviveRestartOnSamePort() {
    byte[] bytes = "kept across restarts".getBytes(StandardCharsets.UTF_8);
    S3TestServer first = S3TestServer.start(storage);
    int port = first.port();
    try (S3Client s3 = client(first)) {
      first.createBucket(BUCKET);
      put(s3, "runs/1.bin", bytes, md5(bytes));
      first.stop();

      assertThrows(SdkClientException.class, () -> s3.headObject(b -> b.bucket(BUCKET).key("x")));

      try (S3TestServer second = S3TestServer.start(storage, port)) {
        assertEquals(first.endpoint(), second.endpoint());
        second.createBucket(BUCKET);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("runs/1.bin"));
        assertEquals(sha256(bytes), head.metadata().get("sha256"));
        assertArrayEquals(
            bytes, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("runs/1.bin")).asByteArray());
      }
    }
  }

  @Test
  void writeCorruptsContentButKeepsMetadata() {
    try (S3TestServer server = S3TestServer.start(storage);
        S3Client s3 = client(server)) {
      server.createBucket(BUCKET);
      byte[] bytes = "original".getBytes(StandardCharsets.UTF_8);
      put(s3, "runs/1.bin", bytes, md5(bytes));
      byte[] corrupt = "0riginal".getBytes(StandardCharsets.UTF_8);

      server.write(BUCKET, "runs/1.bin", corrupt);

      HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("runs/1.bin"));
      assertEquals(sha256(bytes), head.metadata().get("sha256"));
      assertArrayEquals(
          corrupt, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("runs/1.bin")).asByteArray());
    }
  }

  private static void put(S3Client s3, String key, byte[] bytes, String contentMd5) {
    s3.putObject(
        b ->
            b.bucket(BUCKET)
                .key(key)
                .contentMD5(contentMd5)
                .metadata(Map.of("sha256", sha256(bytes))),
        RequestBody.fromBytes(bytes));
  }

  private static S3Client client(S3TestServer server) {
    return S3Client.builder()
        .endpointOverride(URI.create(server.endpoint()))
        .region(Region.of(S3TestServer.REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
        .forcePathStyle(true)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  private static String md5(byte[] bytes) {
    return Base64.getEncoder().encodeToString(digest("MD5", bytes));
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest("SHA-256", bytes));
  }

  private static byte[] digest(String algorithm, byte[] bytes) {
    try {
      return MessageDigest.getInstance(algorithm).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
