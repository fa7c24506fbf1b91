package ai.fromscratch.backup;

import ai.fromscratch.platform.DurableFiles;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What is known of a local backup beyond its file: its checksums, what it holds, and whether its
 * upload to S3 succeeded. Kept in a small JSON file beside the archive.
 */
record BackupStatus(
    ArchiveChecksum checksum,
    Instant createdAt,
    String trigger,
    long tableRows,
    boolean uploaded,
    String uploadError) {
  static final String SUFFIX = ".status.json";

  BackupStatus uploadedNow() {
    return new BackupStatus(checksum, createdAt, trigger, tableRows, true, null);
  }

  BackupStatus uploadFailed(String error) {
    return new BackupStatus(checksum, createdAt, trigger, tableRows, false, error);
  }

  static Path fileFor(Path archive) {
    return archive.resolveSibling(archive.getFileName() + SUFFIX);
  }

  void writeFor(Path archive) throws IOException {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("size", checksum.size())
            .add("sha256", checksum.sha256())
            .add("md5", checksum.md5Base64())
            .add("created_at", createdAt.toString())
            .add("trigger", trigger)
            .add("table_rows", tableRows)
            .add("uploaded", uploaded);
    if (uploadError != null) {
      json.add("upload_error", uploadError);
    }
    DurableFiles.writeString(fileFor(archive), json.build().toString());
  }

  static BackupStatus readFor(Path archive) throws IOException {
    try (InputStream in = Files.newInputStream(fileFor(archive));
        JsonReader reader = Json.createReader(in)) {
      JsonObject json = reader.readObject();
      return new BackupStatus(
          new ArchiveChecksum(
              json.getJsonNumber("size").longValue(),
              json.getString("sha256"),
              json.getString("md5")),
          Instant.parse(json.getString("created_at")),
          json.getString("trigger"),
          json.getJsonNumber("table_rows").longValue(),
          json.getBoolean("uploaded"),
          json.getString("upload_error", null));
    } catch (RuntimeException e) {
      throw new IOException("Cannot read the status of " + archive.getFileName(), e);
    }
  }
}
