package ai.fromscratch.engine;

/**
 * How much heap a new model may take while the current one keeps answering: what the heap can still
 * grow to, less a reserve for the requests served meanwhile. Loading more than that would end the
 * JVM (ExitOnOutOfMemoryError), so a model that needs more is refused before it is read.
 */
public final class HeapBudget {
  /** Heap kept for serving chats during a load. */
  static final long RESERVE_BYTES = 48L << 20;

  private HeapBudget() {}

  /**
   * The heap that can be taken now. Garbage counts as used until a collection, and a job's step
   * leaves much of it (an estimation's arrays, say): when the figure is short of half the heap, it
   * is taken again after a full collection, so that a model is not refused for lack of memory that
   * is only waiting to be collected. Only jobs and loads ask, never a chat.
   */
  public static long spareBytes() {
    Runtime runtime = Runtime.getRuntime();
    if (spare(runtime) < runtime.maxMemory() / 2) {
      System.gc();
    }
    return spare(runtime);
  }

  private static long spare(Runtime runtime) {
    long used = runtime.totalMemory() - runtime.freeMemory();
    return Math.max(0, runtime.maxMemory() - used - RESERVE_BYTES);
  }
}
