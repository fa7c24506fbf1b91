package ai.fromscratch.training;

import ai.fromscratch.lm.WorkFiles;
import ai.fromscratch.platform.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files a training job works on ({@code DATA_DIR/work/training-<id>}): kept while the job can
 * be restarted, removed once it completed.
 */
@ApplicationScoped
public class TrainingWorkspace {
  @Inject DataDirectory dataDirectory;

  public Path directory(long jobId) {
    try {
      return Files.createDirectories(dataDirectory.work().resolve("training-" + jobId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Training sentences, one a line, tokens separated by single spaces. */
  public Path corpus(long jobId) {
    return directory(jobId).resolve("corpus.txt");
  }

  /** The held-out sentences, in the same form. */
  public Path heldout(long jobId) {
    return directory(jobId).resolve("heldout.txt");
  }

  public void remove(long jobId) {
    deleteTree(dataDirectory.work().resolve("training-" + jobId));
  }

  /** Deletes a directory and everything in it, if it exists. */
  static void deleteTree(Path dir) {
    try {
      WorkFiles.deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + dir, e);
    }
  }
}
