package ai.fromscratch.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** Embeds passages and adds them to an index, in batches, reporting progress. */
public final class PassageIndexer {
  public static final int DEFAULT_BATCH = 64;

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
    List<String> texts = new ArrayList<>(passages.size());
    passages.forEach(p -> texts.add(p.text()));
    index.add(passages, embedder.embed(texts));
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
