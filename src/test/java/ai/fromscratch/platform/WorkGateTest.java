package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkGateTest {
  @Test
  void pastTheSlotsAndTheQueueWorkIsRefusedAtOnceWithRetryAfter() throws Exception {
    WorkGate gate = new WorkGate(1, 1, Duration.ofSeconds(30));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> running =
        CompletableFuture.supplyAsync(
            () ->
                gate.run(
                    () -> {
                      started.countDown();
                      await(release);
                      return "first";
                    }));
    started.await(5, TimeUnit.SECONDS);
    CompletableFuture<String> queued =
        CompletableFuture.supplyAsync(() -> gate.run(() -> "second"));
    while (gate.waiting() == 0) {
      Thread.sleep(5);
    }

    ApiException refused = assertThrows(ApiException.class, () -> gate.run(() -> "third"));
    assertEquals(503, refused.status());
    assertNotNull(refused.retryAfterSeconds());

    release.countDown();
    assertEquals("first", running.get(5, TimeUnit.SECONDS));
    assertEquals("second", queued.get(5, TimeUnit.SECONDS));
  }

  @Test
  void aWaitLongerThanAllowedIsRefused() throws Exception {
    WorkGate gate = new WorkGate(1, 5, Duration.ofMillis(100));
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> holding =
        CompletableFuture.runAsync(() -> gate.run(() -> await(release)));
    Thread.sleep(50);

    assertEquals(503, assertThrows(ApiException.class, () -> gate.run(() -> 1)).status());
    release.countDown();
    holding.get(5, TimeUnit.SECONDS);
    assertEquals(1, gate.run(() -> 1));
  }

  private static Void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }
}
