package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentIndexingTest {
  @TempDir Path dir;

  @Test
  void searchesRunWithoutFailureWhileAWriterAddsAndCommits() throws Exception {
    int dimension = SentenceEmbedder.DIMENSION;
    Random random = new Random(7);
    float[] query = unitVector(random, dimension);
    try (PassageIndex index = PassageIndex.create(dir.resolve("gen-1"), "random-vectors")) {
      AtomicBoolean writing = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Integer>> searchers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        searchers.add(
            pool.submit(
                () -> {
                  int searches = 0;
                  int lastCount = 0;
                  while (writing.get() || searches == 0) {
                    List<SearchHit> hits = index.search("passage words", query, 8, -1);
                    int count = index.count();
                    assertTrue(count >= lastCount, "count went back from " + lastCount);
                    assertTrue(hits.size() <= 8);
                    lastCount = count;
                    searches++;
                  }
                  return searches;
                }));
      }
      for (int batch = 0; batch < 20; batch++) {
        List<Passage> passages = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          int record = batch * 100 + i;
          passages.add(
              new Passage(
                  "p" + record, 1, record, Passage.TEXT, "passage words " + record, null, null));
          vectors.add(unitVector(random, dimension));
        }
        index.add(passages, vectors);
        index.commit();
      }
      writing.set(false);
      for (Future<Integer> searcher : searchers) {
        assertTrue(searcher.get(60, TimeUnit.SECONDS) > 0);
      }
      pool.shutdown();
      assertEquals(2000, index.count());
    }
  }

  static float[] unitVector(Random random, int dimension) {
    float[] vector = new float[dimension];
    double norm = 0;
    for (int i = 0; i < dimension; i++) {
      vector[i] = (float) random.nextGaussian();
      norm += vector[i] * vector[i];
    }
    for (int i = 0; i < dimension; i++) {
      vector[i] /= (float) Math.sqrt(norm);
    }
    return vector;
  }
}
