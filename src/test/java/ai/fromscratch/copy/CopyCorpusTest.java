package ai.fromscratch.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyCorpusTest {
  @TempDir Path dir;

  private static CopyCorpus corpus(CopyCorpus.Builder builder) {
    return builder
        .marker("<user>")
        .text("How do I hold a package", 0)
        .marker("<assistant>")
        .text("Run apt-mark hold on it.", 1)
        .end()
        .marker("<user>")
        .text("How do I remove a package", 0)
        .marker("<assistant>")
        .text("Run APT-GET remove on it.", 1)
        .end()
        .build();
  }

  private static int[] keys(CopyCorpus corpus, String... words) {
    int[] keys = new int[words.length];
    for (int i = 0; i < words.length; i++) {
      keys[i] = corpus.keyOf(SurfaceTokenizer.key(words[i]));
    }
    return keys;
  }

  private static List<String> following(CopyCorpus corpus, CopyCorpus.Match match) {
    List<String> next = new ArrayList<>();
    for (int i = 0; i < match.occurrences(); i++) {
      next.add(corpus.text(corpus.next(match, i)));
    }
    return next;
  }

  @Test
  void theLongestStretchEndingTheContextIsFoundWithWhatFollowsEachOccurrence() {
    CopyCorpus corpus = corpus(CopyCorpus.builder());

    CopyCorpus.Match run = corpus.longestMatch(keys(corpus, "you", "can", "run"), 64);
    assertEquals(1, run.length());
    assertEquals(List.of(" APT", " apt"), following(corpus, run).stream().sorted().toList());

    CopyCorpus.Match hold =
        corpus.longestMatch(keys(corpus, "please", "run", "apt", "-", "mark"), 64);
    assertEquals(4, hold.length(), "matching ignores case");
    assertEquals(List.of(" hold"), following(corpus, hold));
  }

  @Test
  void aMatchEndsAtItsDocumentsEndAndNeverRunsIntoTheNext() {
    CopyCorpus corpus = corpus(CopyCorpus.builder());

    CopyCorpus.Match end = corpus.longestMatch(keys(corpus, "on", "it", "."), 64);

    assertEquals(3, end.length());
    for (int i = 0; i < end.occurrences(); i++) {
      assertEquals(CopyCorpus.END, corpus.key(corpus.next(end, i)));
    }
    assertEquals(0, corpus.longestMatch(keys(corpus, "never", "seen"), 64).length());
  }

  @Test
  void eachTokenKnowsItsDocumentAndWhereInWhichTextItStands() {
    CopyCorpus corpus = corpus(CopyCorpus.builder());
    CopyCorpus.Match remove = corpus.longestMatch(keys(corpus, "get"), 64);
    int position = corpus.next(remove, 0);

    assertEquals(1, corpus.document(position));
    assertEquals(1, corpus.part(position));
    assertEquals(" remove", corpus.text(position));
    assertEquals("Run APT-GET remove on it.".indexOf(" remove"), corpus.offset(position));
  }

  @Test
  void aSavedCorpusReadsBackMatchingAlikeAndAFileTooLargeForTheBudgetIsRefused()
      throws IOException {
    CopyCorpus corpus = corpus(CopyCorpus.builderWithoutSources());
    Path file = dir.resolve("model.lm.copy");
    CopyCorpusFile.save(file, corpus);

    CopyCorpus read = CopyCorpusFile.load(file, 1 << 20);

    int[] context = keys(read, "run", "apt", "-");
    assertEquals(corpus.size(), read.size());
    assertEquals(
        following(corpus, corpus.longestMatch(keys(corpus, "run", "apt", "-"), 64)),
        following(read, read.longestMatch(context, 64)));
    IOException tooLarge = assertThrows(IOException.class, () -> CopyCorpusFile.load(file, 100));
    assertTrue(
        tooLarge.getMessage().contains("do not fit")
            || tooLarge.getMessage().contains("needs about"));
  }

  @Test
  void aDamagedFileIsRefused() throws IOException {
    Path file = dir.resolve("model.lm.copy");
    CopyCorpusFile.save(file, corpus(CopyCorpus.builderWithoutSources()));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(file, bytes);

    assertThrows(IOException.class, () -> CopyCorpusFile.load(file, 1 << 20));
  }
}
