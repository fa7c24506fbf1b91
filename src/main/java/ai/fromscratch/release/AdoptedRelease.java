package ai.fromscratch.release;

import ai.fromscratch.platform.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The release this instance answers with, kept in {@code DATA_DIR/release/ADOPTED} (its id, then
 * its manifest), so a restart knows which files it has and whether a newer release is out.
 */
final class AdoptedRelease {
  private final Path file;

  AdoptedRelease(Path dataDir) {
    this.file = dataDir.resolve("release").resolve("ADOPTED");
  }

  /** The adopted release's id; 0 when none was. */
  long id() throws IOException {
    return Files.isRegularFile(file) ? Long.parseLong(lines().get(0).strip()) : 0;
  }

  ReleaseManifest manifest() throws IOException {
    if (!Files.isRegularFile(file)) {
      return new ReleaseManifest(List.of());
    }
    List<String> lines = lines();
    return ReleaseManifest.parse(String.join("\n", lines.subList(1, lines.size())));
  }

  void record(long id, ReleaseManifest manifest) throws IOException {
    Files.createDirectories(file.getParent());
    DurableFiles.writeString(file, id + "\n" + manifest.text());
  }

  private List<String> lines() throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }
}
