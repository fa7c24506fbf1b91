package ai.fromscratch.platform;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * At most {@code slots} pieces of heavy work at once, with at most {@code queue} more waiting up to
 * {@code maxWait} for a slot. Past the queue, or past the wait, the work is refused at once with a
 * 503 and Retry-After: a burst then costs a few waiting threads and no memory, and what does not
 * queue (keepalive, health) never waits behind it.
 */
public final class WorkGate {
  private final Semaphore slots;
  private final int queue;
  private final Duration maxWait;
  private final AtomicInteger waiting = new AtomicInteger();

  public WorkGate(int slots, int queue, Duration maxWait) {
    this.slots = new Semaphore(slots, true);
    this.queue = queue;
    this.maxWait = maxWait;
  }

  public <T> T run(Supplier<T> work) {
    if (!slots.tryAcquire()) {
      waitForSlot();
    }
    try {
      return work.get();
    } finally {
      slots.release();
    }
  }

  private void waitForSlot() {
    if (waiting.incrementAndGet() > queue) {
      waiting.decrementAndGet();
      throw busy();
    }
    try {
      if (!slots.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw busy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy();
    } finally {
      waiting.decrementAndGet();
    }
  }

  private ApiException busy() {
    return ApiException.retryLater(
        503,
        Duration.ofSeconds(2),
        "The server is answering as many questions as it can: try again in a moment");
  }

  /** Requests waiting for a slot now. */
  int waiting() {
    return waiting.get();
  }
}
