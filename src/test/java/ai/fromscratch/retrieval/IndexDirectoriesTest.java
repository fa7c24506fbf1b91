package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexDirectoriesTest {
  @TempDir Path dataDir;

  @Test
  void noGenerationIsActiveAtFirst() {
    assertEquals(Optional.empty(), new IndexDirectories(dataDir.resolve("index")).active());
  }

  @Test
  void activatingAGenerationSwitchesThePointer() {
    IndexDirectories dirs = new IndexDirectories(dataDir.resolve("index"));
    Path first = dirs.newGeneration();
    Path second = dirs.newGeneration();
    dirs.activate(first);
    assertEquals(Optional.of(first), dirs.active());
    dirs.activate(second);
    assertEquals(Optional.of(second), dirs.active());
    assertEquals(List.of(first, second), dirs.generations());
  }

  @Test
  void deletesGenerationsThatAreNeitherActiveNorKept() {
    IndexDirectories dirs = new IndexDirectories(dataDir.resolve("index"));
    Path old = dirs.newGeneration();
    Path active = dirs.newGeneration();
    Path building = dirs.newGeneration();
    dirs.activate(active);
    assertEquals(1, dirs.deleteInactive(building));
    assertFalse(Files.exists(old));
    assertTrue(Files.isDirectory(active) && Files.isDirectory(building));
  }

  @Test
  void newGenerationsAreNumberedAfterTheHighest() {
    IndexDirectories dirs = new IndexDirectories(dataDir.resolve("index"));
    dirs.newGeneration();
    Path second = dirs.newGeneration();
    dirs.deleteInactive(second);
    assertEquals("gen-3", dirs.newGeneration().getFileName().toString());
  }

  @Test
  void anEmptyOrDamagedPointerCountsAsMissingAndNeverAsTheIndexFolder() throws Exception {
    IndexDirectories dirs = new IndexDirectories(dataDir.resolve("index"));
    Path first = dirs.newGeneration();
    Path second = dirs.newGeneration();
    for (String pointer : List.of("", "   \n", "..", "/etc", "gen-9", "../index")) {
      Files.writeString(dataDir.resolve("index/ACTIVE"), pointer);

      assertEquals(Optional.empty(), dirs.active(), "pointer '" + pointer + "'");
      assertEquals(Optional.of(second), dirs.activeOrNewest(), "pointer '" + pointer + "'");
    }
    assertEquals(List.of(first, second), dirs.generations());
  }

  @Test
  void activationLeavesNoTemporaryFileBehind() throws Exception {
    IndexDirectories dirs = new IndexDirectories(dataDir.resolve("index"));
    dirs.activate(dirs.newGeneration());

    try (var files = Files.list(dataDir.resolve("index"))) {
      assertTrue(files.noneMatch(file -> file.getFileName().toString().endsWith(".tmp")));
    }
  }
}
