package ai.fromscratch.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupArchiveTest {
  @TempDir Path dir;

  @Test
  void whatIsWrittenUnpacksWithItsManifestAndChecksums() throws IOException {
    Path archive = dir.resolve("backup.zip");
    ArchiveChecksum checksum;
    try (BackupArchiveWriter writer = new BackupArchiveWriter(archive)) {
      try (OutputStream out = writer.entry("db/DATASET.jsonl")) {
        out.write("{\"ID\":1}\n".getBytes(StandardCharsets.UTF_8));
      }
      writer.add("models/model-1.lm", new java.io.ByteArrayInputStream(new byte[100_000]));
      checksum =
          writer.finish("1.2.3", Instant.parse("2026-11-25T00:00:00Z"), Map.of("DATASET", 1L));
    }
    assertEquals(Files.size(archive), checksum.size());
    assertEquals(64, checksum.sha256().length());
    assertFalse(Files.exists(dir.resolve(".backup.zip.tmp")), "the temporary file is renamed");

    BackupManifest manifest = BackupArchiveReader.extractVerified(archive, dir.resolve("out"));

    assertEquals("1.2.3", manifest.appVersion());
    assertEquals(Map.of("DATASET", 1L), manifest.tables());
    assertEquals(2, manifest.entries().size());
    assertEquals("{\"ID\":1}\n", Files.readString(dir.resolve("out/db/DATASET.jsonl")));
    assertEquals(100_000, Files.size(dir.resolve("out/models/model-1.lm")));
  }

  @Test
  void anArchiveLeftUnfinishedLeavesNoFile() throws IOException {
    Path archive = dir.resolve("backup.zip");
    try (BackupArchiveWriter writer = new BackupArchiveWriter(archive)) {
      writer.add("models/a.lm", new java.io.ByteArrayInputStream(new byte[10]));
    }
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void wrongChecksumsUnlistedFilesUnsafePathsAndGarbageAreRefused() throws IOException {
    String sha = "0".repeat(64);
    assertRefused(
        zip("models/a.lm", "abc", manifest("models/a.lm", 3, sha)), "does not match the checksum");
    assertRefused(
        zip("models/a.lm", "abc", manifest("models/a.lm", 2, sha)), "does not match the checksum");
    assertRefused(zip("../evil", "abc", manifest("../evil", 3, sha)), "unsafe path");
    assertRefused(zip("index/x", "abc", manifest("models/a.lm", 3, sha)), "does not list");
    assertRefused(zip("models/a.lm", "abc", null), "no manifest.json");
    assertRefused(zip("models/a.lm", "abc", "{\"format\": 99}"), "format 99");
    assertRefused(zip("models/a.lm", "abc", "not json"), "manifest cannot be read");
    Path garbage = Files.writeString(dir.resolve("garbage.zip"), "no zip at all");
    assertRefused(garbage, "damaged");
  }

  @Test
  void aManifestThatLiesAboutSizesOrCountsIsRefusedBeforeAnythingIsExtracted() throws IOException {
    String sha = "0".repeat(64);
    assertRefused(zip("models/a.lm", "abc", manifest("models/a.lm", -3, sha)), "negative size");
    assertRefused(
        zip("models/a.lm", "abc", manifest("models/a.lm", Long.MAX_VALUE / 2, sha)),
        "the disk has");
    assertRefused(
        zip(
            "models/a.lm",
            "abc",
            manifest("models/a.lm", 3, sha)
                .replace("\"tables\": {}", "\"tables\": {\"DATASET\": -1}")),
        "negative row count");
    StringBuilder files = new StringBuilder();
    for (int i = 0; i <= BackupArchiveReader.MAX_ENTRIES; i++) {
      files
          .append(i == 0 ? "" : ",")
          .append("{\"path\": \"models/m")
          .append(i)
          .append("\", \"size\": 1, \"sha256\": \"")
          .append(sha)
          .append("\"}");
    }
    assertRefused(
        zip(
            "models/a.lm",
            "abc",
            manifest("models/a.lm", 3, sha).replaceFirst("\\[.*\\]", "[" + files + "]")),
        "more than " + BackupArchiveReader.MAX_ENTRIES);
    assertFalse(Files.exists(dir.resolve("staging/models")), "nothing was extracted");
  }

  private void assertRefused(Path archive, String reason) {
    BackupRejectedException e =
        assertThrows(
            BackupRejectedException.class,
            () -> BackupArchiveReader.extractVerified(archive, dir.resolve("staging")));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  private static String manifest(String path, long size, String sha256) {
    return "{\"format\": 1, \"app_version\": \"t\", \"created_at\": \"2026-11-25T00:00:00Z\","
        + " \"files\": [{\"path\": \""
        + path
        + "\", \"size\": "
        + size
        + ", \"sha256\": \""
        + sha256
        + "\"}], \"tables\": {}}";
  }

  private Path zip(String entry, String content, String manifest) throws IOException {
    Path archive = Files.createTempFile(dir, "archive", ".zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(archive))) {
      out.putNextEntry(new ZipEntry(entry));
      out.write(content.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      if (manifest != null) {
        out.putNextEntry(new ZipEntry(BackupManifest.NAME));
        out.write(manifest.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return archive;
  }
}
