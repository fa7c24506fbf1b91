package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aClientBurstsUpToTheLimitThenWaitsForTheRefill() {
    RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1));
    for (int i = 0; i < 3; i++) {
      assertTrue(limiter.acquire("a", 0).isEmpty(), "request " + i);
    }
    Duration wait = limiter.acquire("a", 0).orElseThrow();
    assertEquals(20, wait.toSeconds(), "one token every 20 s");
    assertTrue(limiter.acquire("a", 10 * SECOND).isPresent());
    assertTrue(limiter.acquire("a", 21 * SECOND).isEmpty());
  }

  @Test
  void clientsHaveTheirOwnBuckets() {
    RateLimiter limiter = new RateLimiter(1, Duration.ofHours(1));
    assertTrue(limiter.acquire("a", 0).isEmpty());
    assertTrue(limiter.acquire("a", 0).isPresent());
    assertTrue(limiter.acquire("b", 0).isEmpty());
  }

  @Test
  void theTableOfClientsIsBoundedForgettingTheOneSeenLeastRecently() {
    RateLimiter limiter = new RateLimiter(1, Duration.ofHours(1));
    assertTrue(limiter.acquire("first", 0).isEmpty());
    for (int i = 0; i < RateLimiter.MAX_CLIENTS + 500; i++) {
      limiter.acquire("client-" + i, 0);
    }

    assertEquals(RateLimiter.MAX_CLIENTS, limiter.clients());
    assertTrue(limiter.acquire("first", 0).isEmpty(), "forgotten, it starts with a full bucket");
  }
}
