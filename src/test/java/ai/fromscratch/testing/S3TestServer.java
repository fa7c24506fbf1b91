package ai.fromscratch.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A real S3-compatible server (s3proxy) in the test JVM on 127.0.0.1, storing into a directory. */
public final class S3TestServer implements AutoCloseable {
  public static final String ACCESS_KEY = "test-access-key";
  public static final String SECRET_KEY = "test-secret-key";
  public static final String REGION = "us-east-1";

  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  private final BlobStore blobStore;
  private final S3Proxy proxy;
  private final int port;

  private S3TestServer(BlobStore blobStore, S3Proxy proxy, int port) {
    this.blobStore = blobStore;
    this.proxy = proxy;
    this.port = port;
  }

  /** Starts a server on a free port, keeping its buckets under {@code storageDir}. */
  public static S3TestServer start(Path storageDir) {
    // Port 0 lets Jetty bind any free port itself: no window in which another process can take it.
    return start(storageDir, 0);
  }

  /** Starts a server on {@code port}, keeping its buckets under {@code storageDir}. */
  public static S3TestServer start(Path storageDir, int port) {
    try {
      Files.createDirectories(storageDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // s3proxy 4 no longer uses jclouds; this is its own "filesystem" provider. Objects are plain
    // files (metadata in user xattrs), so a later server on the same directory sees them again.
    BlobStore blobStore = new FilesystemNio2BlobStore(storageDir.toAbsolutePath().toString());
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://" + HOST + ":" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            // No graceful stop: it would wait out the SDK's idle keep-alive connections and then
            // fail with a TimeoutException. Tests stop the server to make S3 unreachable at once.
            .stopTimeout(0)
            .build();
    try {
      proxy.start();
    } catch (Exception e) {
      IllegalStateException failure =
          new IllegalStateException("s3proxy did not start on " + HOST + ":" + port, e);
      try {
        proxy.stop();
      } catch (Exception stopFailure) {
        failure.addSuppressed(stopFailure);
      }
      throw failure;
    }
    S3TestServer server = new S3TestServer(blobStore, proxy, proxy.getPort());
    server.awaitServing();
    return server;
  }

  /** The base URL for the SDK's endpoint override, e.g. {@code http://127.0.0.1:54321}. */
  public String endpoint() {
    return "http://" + HOST + ":" + port;
  }

  /** The port the server listens on; pass it to {@link #start(Path, int)} to come back on it. */
  public int port() {
    return port;
  }

  /** Creates {@code bucket}, doing nothing if it already exists (e.g. after a restart). */
  public void createBucket(String bucket) {
    if (!blobStore.containerExists(bucket)) {
      blobStore.createContainer(bucket);
    }
  }

  /** The keys of all objects in {@code bucket}, in S3's lexicographic order. */
  public List<String> keys(String bucket) {
    List<String> keys = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Response page =
          blobStore.list(
              ListObjectsV2Request.builder().bucket(bucket).continuationToken(token).build());
      for (S3Object object : page.contents()) {
        keys.add(object.key());
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return keys;
  }

  /** The bytes of an object, read straight from the store. */
  public byte[] read(String bucket, String key) {
    try (InputStream in = blobStore.getBlob(bucket, key)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces an object's bytes behind the app's back, keeping its user metadata and type. */
  public void write(String bucket, String key, byte[] bytes) {
    // Keeping the metadata (e.g. the app's sha256) is what makes this a corruption rather than a
    // different object: the stored checksum no longer matches the content.
    HeadObjectResponse existing = blobStore.blobMetadataIfPresent(bucket, key);
    PutObjectRequest.Builder request =
        PutObjectRequest.builder().bucket(bucket).key(key).contentLength((long) bytes.length);
    if (existing != null) {
      request.metadata(existing.metadata()).contentType(existing.contentType());
    }
    blobStore.putBlob(request.build(), new ByteArrayInputStream(bytes));
  }

  /** Stops the server and frees its port; the stored objects stay in the directory. */
  public void stop() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not stop", e);
    } finally {
      blobStore.close();
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private void awaitServing() {
    // Jetty reports started once the connector is open; a connect proves it from the client side.
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(HOST, port), 200);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          stop();
          throw new IllegalStateException("s3proxy is not serving on " + endpoint(), e);
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop();
        throw new IllegalStateException("interrupted waiting for s3proxy", e);
      }
    }
  }
}
