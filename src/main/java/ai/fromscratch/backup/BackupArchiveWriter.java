package ai.fromscratch.backup;

import ai.fromscratch.platform.Digests;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a backup archive: a ZIP of entries, each checksummed as it is written, and a manifest
 * last. It is written under a temporary name and renamed into place only when complete.
 */
final class BackupArchiveWriter implements AutoCloseable {
  private final Path target;
  private final Path temporary;
  private final MessageDigest archiveSha256 = Digests.sha256();
  private final MessageDigest archiveMd5 = Digests.md5();
  private final CountingStream counted;
  private final ZipOutputStream zip;
  private final List<BackupManifest.Entry> entries = new ArrayList<>();
  private boolean finished;

  BackupArchiveWriter(Path target) throws IOException {
    this.target = target;
    this.temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
    counted =
        new CountingStream(
            new DigestOutputStream(
                new DigestOutputStream(Files.newOutputStream(temporary), archiveSha256),
                archiveMd5));
    zip = new ZipOutputStream(counted);
    // Models are already dense; the fastest level still halves the JSON of the tables.
    zip.setLevel(Deflater.BEST_SPEED);
  }

  /** An entry to write to; closing the stream ends the entry (it does not close the archive). */
  OutputStream entry(String path) throws IOException {
    zip.putNextEntry(new ZipEntry(path));
    MessageDigest sha256 = Digests.sha256();
    return new CountingStream(new DigestOutputStream(zip, sha256)) {
      private boolean closed;

      @Override
      public void close() throws IOException {
        if (!closed) {
          closed = true;
          flush();
          zip.closeEntry();
          entries.add(new BackupManifest.Entry(path, count(), Digests.hex(sha256)));
        }
      }
    };
  }

  void add(String path, InputStream content) throws IOException {
    try (OutputStream out = entry(path)) {
      content.transferTo(out);
    }
  }

  void add(String path, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      add(path, in);
    }
  }

  /** Writes the manifest, closes the archive and moves it into place. */
  ArchiveChecksum finish(String appVersion, Instant createdAt, Map<String, Long> tables)
      throws IOException {
    BackupManifest manifest =
        new BackupManifest(BackupManifest.FORMAT, appVersion, createdAt, entries, tables);
    zip.putNextEntry(new ZipEntry(BackupManifest.NAME));
    zip.write(manifest.toJson().toString().getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.close();
    finished = true;
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    return new ArchiveChecksum(
        counted.count(),
        Digests.hex(archiveSha256),
        Base64.getEncoder().encodeToString(archiveMd5.digest()));
  }

  @Override
  public void close() throws IOException {
    if (!finished) {
      try {
        zip.close();
      } finally {
        Files.deleteIfExists(temporary);
      }
    }
  }

  /** Counts the bytes written through it. */
  private static class CountingStream extends FilterOutputStream {
    private long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    long count() {
      return count;
    }
  }
}
