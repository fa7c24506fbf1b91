package ai.fromscratch.retrieval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by {@link RetrievalBenchmark} in a child JVM: prints this process's resident memory (VmRSS,
 * and the peak VmHWM) before loading an embedding model, after loading it, and after embedding a
 * few texts, as {@code rss-kb <stage> <VmRSS> <VmHWM>} lines.
 */
public final class EmbeddingMemoryProbe {
  private EmbeddingMemoryProbe() {}

  public static void main(String[] args) throws IOException {
    EmbeddingModelChoice choice = EmbeddingModelChoice.fromName(args[0]);
    int threads = Integer.parseInt(args[1]);
    System.gc();
    report("before");
    try (SentenceEmbedder embedder =
        SentenceEmbedder.load(choice, threads, WordPieceTokenizer.DEFAULT_MAX_TOKENS)) {
      System.gc();
      report("loaded");
      for (int i = 0; i < 20; i++) {
        embedder.embed(
            List.of(
                "How do I reset my password? " + i,
                "A much longer text that talks about the weather, the seasons, the climate and "
                    + "how each of them changes over the years in different parts of the world. "
                        .repeat(4)));
      }
      System.gc();
      report("embedded");
    }
  }

  private static void report(String stage) throws IOException {
    long rss = 0;
    long hwm = 0;
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = kilobytes(line);
      } else if (line.startsWith("VmHWM:")) {
        hwm = kilobytes(line);
      }
    }
    System.out.println("rss-kb " + stage + " " + rss + " " + hwm);
  }

  private static long kilobytes(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }
}
