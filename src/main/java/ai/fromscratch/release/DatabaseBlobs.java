package ai.fromscratch.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Release files in the database, for instances that share PostgreSQL but no S3 bucket: written and
 * read a megabyte at a time ({@link BlobChunks}).
 */
final class DatabaseBlobs implements BlobStore {
  private final BlobChunks chunks;

  DatabaseBlobs(BlobChunks chunks) {
    this.chunks = chunks;
  }

  @Override
  public boolean has(String sha256) {
    return chunks.stored(sha256).isPresent();
  }

  @Override
  public void put(String sha256, Path file) throws IOException {
    chunks.discard(sha256);
    byte[] buffer = new byte[BlobChunk.MAX_BYTES];
    long size = 0;
    int seq = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int read;
      while ((read = in.readNBytes(buffer, 0, buffer.length)) > 0) {
        chunks.write(sha256, seq++, Arrays.copyOf(buffer, read));
        size += read;
      }
    }
    chunks.complete(sha256, size, seq);
  }

  @Override
  public void delete(String sha256) {
    chunks.remove(sha256);
  }

  @Override
  public void get(String sha256, Path target) throws IOException {
    int count =
        chunks
            .stored(sha256)
            .orElseThrow(() -> new IOException("The database holds no release file " + sha256))
            .chunks();
    try (OutputStream out = Files.newOutputStream(target)) {
      for (int seq = 0; seq < count; seq++) {
        out.write(chunks.read(sha256, seq));
      }
    }
  }

  @Override
  public String location() {
    return "the database (table RELEASE_BLOB_CHUNK)";
  }
}
