package ai.fromscratch.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseManifestTest {
  private static final String SHA_A = "a".repeat(64);
  private static final String SHA_B = "b".repeat(64);

  private static final ReleaseManifest MANIFEST =
      new ReleaseManifest(
          List.of(
              new ReleaseFile("models/model-3-1.lm", SHA_A, 1234),
              new ReleaseFile("models/model-3-1.lm.copy", SHA_B, 99),
              new ReleaseFile("tokenizer/tokenizer.json", SHA_B, 10),
              new ReleaseFile("index/_0.cfs", SHA_A, 5),
              new ReleaseFile("index/segments_2", SHA_B, 7)));

  @Test
  void theStoredTextReadsBackAsTheSameFiles() {
    assertEquals(MANIFEST, ReleaseManifest.parse(MANIFEST.text()));
    assertEquals("model-3-1.lm", MANIFEST.model().orElseThrow().name(), "not the copy corpus");
    assertEquals(2, MANIFEST.in("index").size());
  }

  @Test
  void aFileIsHeldOnlyWithTheSameContent() {
    assertTrue(MANIFEST.holds(new ReleaseFile("index/_0.cfs", SHA_A, 5)));
    assertFalse(MANIFEST.holds(new ReleaseFile("index/_0.cfs", SHA_B, 5)), "another content");
  }

  @Test
  void aPathOutsideTheThreeFoldersOrAMalformedLineIsRefused() {
    for (String path :
        List.of("../secrets/session.key", "models/../../x", "db/seg0", "index/a/b", "index/")) {
      assertThrows(IllegalArgumentException.class, () -> new ReleaseFile(path, SHA_A, 1), path);
    }
    assertThrows(IllegalArgumentException.class, () -> new ReleaseFile("index/x", "zz", 1));
    assertThrows(IllegalArgumentException.class, () -> ReleaseManifest.parse(SHA_A + " 12"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ReleaseManifest.parse(SHA_A + " 12 ../../etc/passwd"));
  }

  @Test
  void theAdoptedReleaseOutlivesARestart(@TempDir Path dataDir) throws Exception {
    AdoptedRelease adopted = new AdoptedRelease(dataDir);
    assertEquals(0, adopted.id(), "none yet");
    assertTrue(adopted.manifest().files().isEmpty());

    adopted.record(7, MANIFEST);

    AdoptedRelease afterRestart = new AdoptedRelease(dataDir);
    assertEquals(7, afterRestart.id());
    assertEquals(MANIFEST, afterRestart.manifest());
  }
}
