package ai.fromscratch.dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes small ZIP archives for tests, under target/. */
final class TestZips {
  private TestZips() {}

  /** Writes entries given as name, content, name, content... */
  static Path write(String fileName, String... namesAndContents) throws IOException {
    Path file = Files.createDirectories(Path.of("target/test-zips")).resolve(fileName);
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        zip.putNextEntry(new ZipEntry(namesAndContents[i]));
        zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return file;
  }
}
