package ai.fromscratch.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts a restored folder in place of a live one by two renames on the same disk, keeping the live
 * one aside so that the swap can be undone if the rest of the restore fails.
 */
final class FolderSwap {
  private final Path live;
  private final Path aside;
  private boolean hadLive;

  private FolderSwap(Path live, Path aside) {
    this.live = live;
    this.aside = aside;
  }

  /**
   * Moves {@code live} to {@code aside} and {@code restored} (or an empty folder) to {@code live}.
   */
  static FolderSwap swap(Path live, Path restored, Path aside) throws IOException {
    FolderSwap swap = new FolderSwap(live, aside);
    Files.createDirectories(aside.getParent());
    if (Files.exists(live)) {
      Files.move(live, aside, StandardCopyOption.ATOMIC_MOVE);
      swap.hadLive = true;
    }
    if (Files.isDirectory(restored)) {
      Files.move(restored, live, StandardCopyOption.ATOMIC_MOVE);
    } else {
      Files.createDirectories(live);
    }
    return swap;
  }

  /** Puts the live folder back as it was. */
  void undo() throws IOException {
    Staging.deleteRecursively(live);
    if (hadLive) {
      Files.move(aside, live, StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
