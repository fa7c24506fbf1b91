package ai.fromscratch.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes releases that newer ones have replaced, with the files that only they name, so that the
 * bucket or the database does not grow by a model and an index with every training job. Files are
 * shared between releases by checksum, so a file a kept release also names stays.
 */
@ApplicationScoped
public class ReleasePruner {
  /**
   * The releases kept after a publication: the newest, which every instance adopts, and two before
   * it, so that an instance still fetching an older one when it is replaced can finish.
   */
  public static final int RELEASES_KEPT = 3;

  private static final Logger LOG = Logger.getLogger(ReleasePruner.class.getName());

  @Inject ReleaseStore releases;
  @Inject SharedStorage storage;

  /**
   * A single instance has no use for releases: it removes those that earlier versions published
   * into its own database when it was not shared.
   */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
    if (!storage.enabled()) {
      keepNewestQuietly(0);
    }
  }

  /** {@link #keepNewest} that logs a failure: the publication or start it follows went well. */
  void keepNewestQuietly(int kept) {
    try {
      keepNewest(kept);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Could not remove replaced releases; they are kept for now", e);
    }
  }

  /**
   * Keeps the newest {@code kept} releases and removes the others: for each, the files no kept
   * release names, then its row. Instances fetch only the newest release, which is kept; a release
   * whose files could not all be deleted stays listed, and the next pruning tries again.
   *
   * @return how many releases were removed
   */
  public int keepNewest(int kept) throws IOException {
    List<Release> all = releases.newestFirst();
    if (all.size() <= kept) {
      return 0;
    }
    Set<String> named = new HashSet<>();
    all.subList(0, kept).forEach(release -> named.addAll(checksums(release)));
    BlobStore blobs = storage.blobs();
    List<Release> replaced = all.subList(kept, all.size());
    for (Release release : replaced) {
      for (String sha256 : checksums(release)) {
        if (named.add(sha256)) {
          blobs.delete(sha256);
        }
      }
      releases.remove(release.getId());
    }
    LOG.info(
        () ->
            "Removed "
                + replaced.size()
                + " replaced release(s) and their files from "
                + blobs.location());
    return replaced.size();
  }

  private static List<String> checksums(Release release) {
    return release.manifest().files().stream().map(ReleaseFile::sha256).toList();
  }
}
