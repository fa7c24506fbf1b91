package ai.fromscratch.training;

import ai.fromscratch.lm.KneserNeyEstimator;
import ai.fromscratch.lm.SpillingEstimator;

/**
 * How a job's model is estimated within its memory budget ({@code TRAINING_MEMORY_MB}, or less when
 * less heap is free): in memory when the corpus fits, else within the budget, spilling to disk (the
 * same model either way). A job that cannot fit fails before it starts, saying what it needs.
 *
 * @param memoryBytes the heap the estimation may take
 * @param diskBytes about the disk it takes in {@code DATA_DIR/work} (0 in memory)
 */
record EstimationPlan(boolean inMemory, long memoryBytes, long diskBytes) {
  /** The least heap the spilling estimator works in, beside its vocabulary. */
  static final long MIN_SPILLING_BYTES = 8L << 20;

  /**
   * @param ids the corpus's tokens plus two markers a sentence
   * @param budget TRAINING_MEMORY_MB in bytes
   * @param freeHeap the heap free now beside the serving model and requests
   * @param freeDisk usable space where the work files go
   * @throws IllegalStateException when it cannot fit, with what it needs and what there is
   */
  static EstimationPlan of(
      long ids, int order, boolean pruned, long budget, long freeHeap, long freeDisk) {
    long available = Math.min(budget, freeHeap);
    long inMemory = KneserNeyEstimator.heapBytes(ids, order);
    if (inMemory <= available) {
      return new EstimationPlan(true, inMemory, 0);
    }
    if (pruned) {
      throw new IllegalStateException(
          String.format(
              "pruning estimates in memory and needs about %d MB of heap for these %,d tokens and sentence markers;"
                  + " %d MB are available (TRAINING_MEMORY_MB or the free heap, the less). Train"
                  + " without prune, or raise TRAINING_MEMORY_MB and the heap",
              mb(inMemory), ids, mb(available)));
    }
    if (available < MIN_SPILLING_BYTES) {
      throw new IllegalStateException(
          String.format(
              "the estimation needs at least %d MB of heap; %d MB are free now (the heap holds"
                  + " the serving model and requests). Try again when the server is less busy",
              mb(MIN_SPILLING_BYTES), mb(available)));
    }
    long disk = SpillingEstimator.diskBytes(ids, order);
    if (disk > freeDisk) {
      throw new IllegalStateException(
          String.format(
              "the estimation needs about %d MB of disk in DATA_DIR/work for these %,d tokens and sentence markers;"
                  + " %d MB are free",
              mb(disk), ids, mb(freeDisk)));
    }
    return new EstimationPlan(false, available, disk);
  }

  private static long mb(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }
}
