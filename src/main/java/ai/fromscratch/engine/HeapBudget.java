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

  public static long spareBytes() {
    Runtime runtime = Runtime.getRuntime();
    long used = runtime.totalMemory() - runtime.freeMemory();
    return Math.max(0, runtime.maxMemory() - used - RESERVE_BYTES);
  }
}
