package ai.fromscratch.retrieval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * Embeds passages and adds them to an index, in batches, reporting progress. A batch's identical
 * texts are embedded once, and a batch is embedded on two threads where there are two cores: the
 * default (int8) model must run one text at a time, since its dynamic quantization makes a vector
 * depend on the texts batched with it, and two runs at once embedded 1.5 to 1.9 times as many texts
 * a second here (short Brown lines, 150-word paragraphs).
 */
public final class PassageIndexer {
  public static final int DEFAULT_BATCH = 64;

  /** Texts below which a second thread costs more than it saves. */
  private static final int MIN_TEXTS_PER_THREAD = 8;

  private final SentenceEmbedder embedder;
  private final PassageIndex index;

  /**
   * @throws IllegalArgumentException when the index holds another model's vectors
   */
  public PassageIndexer(SentenceEmbedder embedder, PassageIndex index) {
    String model = embedder.model().canonicalName();
    if (index.embeddingModel() != null && !index.embeddingModel().equals(model)) {
      throw new IllegalArgumentException(
          "The index holds vectors of " + index.embeddingModel() + ", not of " + model);
    }
    this.embedder = embedder;
    this.index = index;
  }

  /** Embeds and adds one batch (searchable after the index's next commit or refresh). */
  public void add(List<Passage> passages) {
    Map<String, Integer> firstOf = new HashMap<>();
    List<String> distinct = new ArrayList<>();
    int[] textOf = new int[passages.size()];
    for (int i = 0; i < passages.size(); i++) {
      String text = passages.get(i).embeddedText();
      Integer first = firstOf.putIfAbsent(text, distinct.size());
      if (first == null) {
        first = distinct.size();
        distinct.add(text);
      }
      textOf[i] = first;
    }
    List<float[]> embedded = embed(distinct);
    List<float[]> vectors = new ArrayList<>(passages.size());
    for (int text : textOf) {
      vectors.add(embedded.get(text));
    }
    index.add(passages, vectors);
  }

  /** The texts' vectors, the second half embedded on another thread when there is a core for it. */
  private List<float[]> embed(List<String> texts) {
    if (texts.size() < 2 * MIN_TEXTS_PER_THREAD || Runtime.getRuntime().availableProcessors() < 2) {
      return embedder.embed(texts);
    }
    int half = texts.size() / 2;
    CompletableFuture<List<float[]>> second =
        CompletableFuture.supplyAsync(() -> embedder.embed(texts.subList(half, texts.size())));
    List<float[]> vectors = new ArrayList<>(embedder.embed(texts.subList(0, half)));
    vectors.addAll(second.join());
    return vectors;
  }

  /**
   * Embeds and adds every passage, then commits.
   *
   * @param progress told the number of passages added so far after each batch
   * @return the number of passages added
   */
  public long addAll(Iterable<Passage> passages, int batchSize, LongConsumer progress) {
    long done = 0;
    List<Passage> batch = new ArrayList<>(batchSize);
    for (Passage passage : passages) {
      batch.add(passage);
      if (batch.size() == batchSize) {
        add(batch);
        done += batch.size();
        progress.accept(done);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      add(batch);
      done += batch.size();
      progress.accept(done);
    }
    index.commit();
    return done;
  }
}
