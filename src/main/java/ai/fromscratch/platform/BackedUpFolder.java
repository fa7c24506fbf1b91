package ai.fromscratch.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A folder of DATA_DIR whose files change while the app runs (the passage index), so that only its
 * owner can hand the backup a consistent set of them, and put a restored set in place.
 */
public interface BackedUpFolder {
  /** Takes one file of the folder into the backup. */
  @FunctionalInterface
  interface FileSink {
    void add(String name, InputStream content) throws IOException;
  }

  /** Puts back what a restore replaced, when the rest of the restore failed. */
  @FunctionalInterface
  interface Undo {
    void undo() throws IOException;
  }

  /** Its name in the archive and under DATA_DIR, such as {@code index}. */
  String folder();

  /** Hands a consistent set of the folder's files to {@code sink}. */
  void backUp(FileSink sink) throws IOException;

  /** Makes the files in {@code restored} the folder's, until the returned undo is called. */
  Undo restore(Path restored) throws IOException;
}
