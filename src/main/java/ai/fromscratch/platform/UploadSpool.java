package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes an upload to {@code DATA_DIR/uploads/incoming} as it arrives, computing its SHA-256 on the
 * way, and stops as soon as it passes the size limit. Nothing is held in memory.
 */
@ApplicationScoped
public class UploadSpool {
  private static final String SUFFIX = ".part";

  @Inject DataDirectory dataDirectory;

  public IncomingFile receive(InputStream content, long maxBytes) throws IOException {
    Path file = incoming().resolve(UUID.randomUUID() + SUFFIX);
    MessageDigest sha256 = sha256();
    long total = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
        total += n;
        if (total > maxBytes) {
          throw new ApiException(
              413,
              "the file is larger than the limit of " + (maxBytes >> 20) + " MB (MAX_UPLOAD_MB)");
        }
        sha256.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new IncomingFile(file, HexFormat.of().formatHex(sha256.digest()), total);
  }

  /** Deletes files left by uploads a crash interrupted. */
  public void discardLeftovers() {
    try (Stream<Path> files = Files.list(incoming())) {
      for (Path file : files.filter(f -> f.toString().endsWith(SUFFIX)).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean " + incoming(), e);
    }
  }

  private Path incoming() throws UncheckedIOException {
    try {
      return Files.createDirectories(dataDirectory.uploads().resolve("incoming"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
