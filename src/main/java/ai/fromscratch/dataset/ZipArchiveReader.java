package ai.fromscratch.dataset;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the JSON, JSON Lines, Markdown and text files inside a ZIP archive, in folders too, without
 * writing anything to disk. Guards against hostile archives: too many entries, too much expanded
 * data, an expansion ratio only a zip bomb has (each ends the upload), and entries with absolute or
 * {@code ..} paths or nested archives (each skipped and reported).
 */
final class ZipArchiveReader {
  private static final Set<String> ARCHIVES =
      Set.of(".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz", ".jar", ".zst");
  private static final Set<String> DATA =
      Set.of(".json", ".jsonl", ".ndjson", ".md", ".markdown", ".txt", ".text", ".rst", "");

  /** Small entries may compress extremely well without being bombs. */
  private static final long RATIO_GRACE_BYTES = 1 << 20;

  private final UploadLimits limits;

  ZipArchiveReader(UploadLimits limits) {
    this.limits = limits;
  }

  void read(Path archive, RecordSink sink) throws IOException {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      if (zip.size() > limits.zipMaxEntries()) {
        throw UploadRefusedException.tooLarge(
            "the archive has "
                + zip.size()
                + " entries; the limit is "
                + limits.zipMaxEntries()
                + " (ZIP_MAX_ENTRIES)");
      }
      long[] expanded = {0};
      boolean anyData = false;
      for (ZipEntry entry : Collections.list(zip.entries())) {
        if (entry.isDirectory() || isMetadata(entry.getName())) {
          continue;
        }
        String problem = problemWith(entry.getName());
        if (problem != null) {
          sink.reject(new Rejection("entry " + entry.getName(), problem));
          continue;
        }
        anyData = true;
        refuseDeclaredBomb(entry);
        try (InputStream raw = zip.getInputStream(entry)) {
          readEntry(entry, new BufferedInputStream(guarded(raw, entry, expanded), 1 << 16), sink);
        } catch (ZipException | EOFException e) {
          // A damaged entry does not spoil the others: the archive's directory still finds them.
          sink.reject(
              new Rejection(
                  "entry " + entry.getName(),
                  "the entry is damaged (" + e.getMessage() + "); the rest of it was not read"));
        }
      }
      if (!anyData) {
        throw UploadRefusedException.unusable(
            "the archive holds no .json, .jsonl, .md or .txt file");
      }
    } catch (ZipException | EOFException e) {
      throw UploadRefusedException.unusable("the ZIP archive is damaged: " + e.getMessage());
    }
  }

  private void readEntry(ZipEntry entry, BufferedInputStream in, RecordSink sink)
      throws IOException {
    String prefix = "entry " + entry.getName() + ", ";
    SourceFormat format;
    try {
      format = SourceFormat.detect(in);
    } catch (UploadRefusedException e) {
      sink.reject(new Rejection("entry " + entry.getName(), e.getMessage()));
      return;
    }
    switch (format) {
      case ZIP ->
          sink.reject(
              new Rejection("entry " + entry.getName(), "nested archives are not accepted"));
      case JSONL -> new JsonlReader(limits.maxRecordChars()).read(in, prefix, sink);
      case JSON ->
          new JsonDocumentReader(limits.maxRecordChars(), limits.keepPartialJson())
              .read(in, prefix, sink);
      case TEXT -> new TextDocumentReader(limits.maxRecordChars()).read(in, prefix, sink);
    }
  }

  /** Why an entry is not read, or null when it may be. */
  private static String problemWith(String name) {
    String normalized = name.replace('\\', '/');
    if (normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*")) {
      return "absolute paths are not accepted; the entry was not read";
    }
    for (String segment : normalized.split("/")) {
      if (segment.equals("..")) {
        return "paths with .. are not accepted; the entry was not read";
      }
    }
    String extension = extension(normalized);
    if (ARCHIVES.contains(extension)) {
      return "nested archives are not accepted";
    }
    if (!DATA.contains(extension)) {
      return "not a .json, .jsonl, .md or .txt file; skipped";
    }
    return null;
  }

  /** Folders and files that archiving tools add (macOS resource forks, Finder files). */
  private static boolean isMetadata(String name) {
    String file = name.substring(name.lastIndexOf('/') + 1);
    return name.startsWith("__MACOSX/") || file.startsWith("._") || file.equals(".DS_Store");
  }

  private static String extension(String name) {
    String file = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    int dot = file.lastIndexOf('.');
    return dot <= 0 ? "" : file.substring(dot);
  }

  /**
   * Refuses at once an entry whose declared sizes already show a bomb (they can lie, hence the
   * guard).
   */
  private void refuseDeclaredBomb(ZipEntry entry) {
    long size = entry.getSize();
    long compressed = entry.getCompressedSize();
    if (size > RATIO_GRACE_BYTES && compressed > 0 && size > compressed * limits.zipMaxRatio()) {
      throw bomb(entry);
    }
  }

  private UploadRefusedException bomb(ZipEntry entry) {
    return UploadRefusedException.unusable(
        "the archive looks like a zip bomb: entry "
            + entry.getName()
            + " expands more than "
            + limits.zipMaxRatio()
            + " times (ZIP_MAX_RATIO)");
  }

  /** Counts what an entry expands to and stops a bomb as soon as it shows. */
  private InputStream guarded(InputStream raw, ZipEntry entry, long[] expanded) {
    long compressed = Math.max(1, entry.getCompressedSize());
    return new FilterInputStream(raw) {
      private long read;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          count(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          count(n);
        }
        return n;
      }

      private void count(int n) {
        read += n;
        expanded[0] += n;
        if (read > RATIO_GRACE_BYTES && read > compressed * limits.zipMaxRatio()) {
          throw bomb(entry);
        }
        if (expanded[0] > limits.zipMaxUncompressedBytes()) {
          throw UploadRefusedException.tooLarge(
              "the archive expands to more than "
                  + (limits.zipMaxUncompressedBytes() >> 20)
                  + " MB (ZIP_MAX_UNCOMPRESSED_MB)");
        }
      }
    };
  }
}
