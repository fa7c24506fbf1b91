package ai.fromscratch.training;

import ai.fromscratch.retrieval.Passage;
import jakarta.batch.runtime.context.StepContext;
import java.util.List;

/**
 * What the index step's current chunk holds: its records and their passages' characters. A chunk
 * keeps every passage and vector until it is written, so it ends at {@link #MAX_RECORDS} records or
 * {@link #MAX_CHARS} characters, whichever comes first: long texts cannot fill the heap, and short
 * records still commit the index rarely (committing every 50 records took most of the step).
 */
final class IndexChunk {
  static final int MAX_RECORDS = 1000;
  static final long MAX_CHARS = 2_000_000;

  private int records;
  private long chars;

  /** The chunk of this step execution, shared by its processor and its checkpoint policy. */
  static IndexChunk of(StepContext step) {
    if (step.getTransientUserData() instanceof IndexChunk chunk) {
      return chunk;
    }
    IndexChunk chunk = new IndexChunk();
    step.setTransientUserData(chunk);
    return chunk;
  }

  void add(List<Passage> passages) {
    records++;
    for (Passage passage : passages) {
      chars += passage.text().length();
      if (passage.answer() != null) {
        chars += passage.answer().length();
      }
    }
  }

  boolean full() {
    return records >= MAX_RECORDS || chars >= MAX_CHARS;
  }

  void clear() {
    records = 0;
    chars = 0;
  }
}
