package ai.fromscratch.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.platform.Digests;
import ai.fromscratch.testing.JpaDatabase;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Release files kept in the database when no S3 bucket is set up, and the releases themselves, on a
 * real Derby with the tables EclipseLink makes: a file of several chunks comes back byte for byte,
 * and a replaced release goes with the files that only it names.
 */
class DatabaseBlobsTest {
  private static JpaDatabase db;

  @TempDir Path dir;

  @BeforeAll
  static void database() {
    db = JpaDatabase.inMemory("release-blobs");
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void aFileOfSeveralChunksComesBackByteForByte() throws IOException {
    byte[] bytes = new byte[BlobChunk.MAX_BYTES * 2 + 12_345];
    new Random(7).nextBytes(bytes);
    Path file = Files.write(dir.resolve("model.lm"), bytes);
    String sha256 = Digests.sha256(file);
    DatabaseBlobs blobs = new DatabaseBlobs(chunks());
    assertFalse(blobs.has(sha256));

    blobs.put(sha256, file);

    assertTrue(blobs.has(sha256));
    Path fetched = dir.resolve("fetched.lm");
    blobs.get(sha256, fetched);
    assertArrayEquals(bytes, Files.readAllBytes(fetched));
  }

  @Test
  void aBlobThatWasNeverCompletedIsNotThere() throws IOException {
    BlobChunks chunks = chunks();
    String sha256 = "c".repeat(64);
    chunks.write(sha256, 0, new byte[] {1, 2, 3});

    DatabaseBlobs blobs = new DatabaseBlobs(chunks);
    assertFalse(blobs.has(sha256), "an upload cut short");
    assertThrows(IOException.class, () -> blobs.get(sha256, dir.resolve("none")));
  }

  @Test
  void theNewestReleaseIsTheLastPublished() {
    ReleaseManifest first =
        new ReleaseManifest(List.of(new ReleaseFile("index/segments_1", "a".repeat(64), 1)));
    ReleaseManifest second =
        new ReleaseManifest(List.of(new ReleaseFile("index/segments_2", "b".repeat(64), 2)));
    releases(store -> store.add("instance-a", "training job 1", first));
    releases(store -> store.add("instance-b", "training job 2", second));

    Release newest = releases(ReleaseStore::newest).orElseThrow();
    assertEquals("instance-b", newest.getPublishedBy());
    assertEquals(second, newest.manifest());
  }

  @Test
  void replacedReleasesGoWithTheFilesOnlyTheyName() throws IOException {
    DatabaseBlobs blobs = new DatabaseBlobs(chunks());
    String kept = stored(blobs, "a tokenizer every release names");
    String firstOnly = stored(blobs, "the first release's model");
    String firstAndThird = stored(blobs, "a segment the third release names again");
    ReleasePruner pruner = pruner(blobs);
    List<Long> published = new ArrayList<>();
    for (List<String> files :
        List.of(
            List.of(kept, firstOnly, firstAndThird),
            List.of(kept),
            List.of(kept, firstAndThird),
            List.of(kept))) {
      published.add(pruner.releases.add("instance-a", "a test", manifest(files)).getId());
    }

    pruner.keepNewest(3);

    assertEquals(
        List.of(published.get(3), published.get(2), published.get(1)),
        pruner.releases.newestFirst().stream().map(Release::getId).toList());
    assertFalse(blobs.has(firstOnly), "the file only the removed release named");
    assertTrue(blobs.has(firstAndThird), "a file a kept release names too");
    assertTrue(blobs.has(kept));

    assertEquals(3, pruner.keepNewest(0), "a single instance removes them all");
    assertTrue(pruner.releases.newestFirst().isEmpty());
    assertFalse(blobs.has(kept) || blobs.has(firstAndThird));
    assertEquals(0, pruner.keepNewest(0), "and then has nothing to do");
  }

  private String stored(DatabaseBlobs blobs, String content) throws IOException {
    Path file = Files.writeString(dir.resolve(content.hashCode() + ".bin"), content);
    String sha256 = Digests.sha256(file);
    blobs.put(sha256, file);
    return sha256;
  }

  private static ReleaseManifest manifest(List<String> sha256s) {
    List<ReleaseFile> files = new ArrayList<>();
    for (String sha256 : sha256s) {
      files.add(new ReleaseFile("index/" + sha256, sha256, 1));
    }
    return new ReleaseManifest(files);
  }

  /** The pruner as the container makes it, on these blobs and the database's releases. */
  private static ReleasePruner pruner(BlobStore blobs) {
    ReleasePruner pruner = new ReleasePruner();
    pruner.storage =
        new SharedStorage() {
          @Override
          public BlobStore blobs() {
            return blobs;
          }
        };
    pruner.releases = releaseStore();
    return pruner;
  }

  /** The release store as the container gives it: each call its own transaction. */
  private static ReleaseStore releaseStore() {
    return new ReleaseStore() {
      @Override
      public Release add(String publishedBy, String reason, ReleaseManifest manifest) {
        return releases(store -> store.add(publishedBy, reason, manifest));
      }

      @Override
      public List<Release> newestFirst() {
        return releases(ReleaseStore::newestFirst);
      }

      @Override
      public void remove(long id) {
        releases(
            store -> {
              store.remove(id);
              return null;
            });
      }

      @Override
      public Optional<Release> newest() {
        return releases(ReleaseStore::newest);
      }
    };
  }

  private static <T> T releases(Function<ReleaseStore, T> work) {
    return db.inTransaction(
        em -> {
          ReleaseStore store = new ReleaseStore();
          store.em = em;
          return work.apply(store);
        });
  }

  /** The chunk store as the container gives it: each call its own transaction. */
  private static BlobChunks chunks() {
    return new BlobChunks() {
      @Override
      public Optional<StoredBlob> stored(String sha256) {
        return call(store -> store.stored(sha256));
      }

      @Override
      public void discard(String sha256) {
        call(
            store -> {
              store.discard(sha256);
              return null;
            });
      }

      @Override
      public void write(String sha256, int seq, byte[] data) {
        call(
            store -> {
              store.write(sha256, seq, data);
              return null;
            });
      }

      @Override
      public void complete(String sha256, long size, int chunks) {
        call(
            store -> {
              store.complete(sha256, size, chunks);
              return null;
            });
      }

      @Override
      public void remove(String sha256) {
        call(
            store -> {
              store.remove(sha256);
              return null;
            });
      }

      @Override
      public byte[] read(String sha256, int seq) {
        return call(store -> store.read(sha256, seq));
      }
    };
  }

  private static <T> T call(Function<BlobChunks, T> work) {
    return db.inTransaction(em -> work.apply(bound(em)));
  }

  private static BlobChunks bound(EntityManager em) {
    BlobChunks chunks = new BlobChunks();
    chunks.em = em;
    return chunks;
  }
}
