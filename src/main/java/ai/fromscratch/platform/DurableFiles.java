package ai.fromscratch.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Small files that matter, written so that a crash leaves the old content or the new one, never a
 * part or nothing: a temporary name, fsync, an atomic rename over the target, then an fsync of the
 * folder so the rename itself reaches the disk.
 */
public final class DurableFiles {
  private DurableFiles() {}

  public static void writeString(Path target, String text) throws IOException {
    Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(true);
    }
    Files.move(
        temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncFolder(target.toAbsolutePath().getParent());
  }

  /** Makes the folder's entries (a rename, a new file) durable. */
  public static void syncFolder(Path folder) throws IOException {
    try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
      directory.force(true);
    }
  }
}
