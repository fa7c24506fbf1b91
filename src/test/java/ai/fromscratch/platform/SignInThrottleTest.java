package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void eachFailureMakesTheClientWaitLongerBeforeItsNextAttempt() {
    SignInThrottle throttle = new SignInThrottle();
    long now = 0;
    for (long expected : new long[] {1, 2, 4, 8, 16, 32, 60, 60}) {
      throttle.failed("a", now);
      assertEquals(Optional.of(Duration.ofSeconds(expected)), throttle.wait("a", now));
      now += expected * SECOND;
      assertEquals(Optional.empty(), throttle.wait("a", now));
    }
  }

  @Test
  void tenFailuresInARowLockTheClientOutForFifteenMinutes() {
    SignInThrottle throttle = new SignInThrottle();
    long now = 0;
    for (int i = 0; i < SignInThrottle.LOCKOUT_AFTER; i++) {
      now += 61 * SECOND;
      throttle.failed("a", now);
    }

    assertEquals(Optional.of(SignInThrottle.LOCKOUT), throttle.wait("a", now));
    assertTrue(throttle.wait("a", now + SignInThrottle.LOCKOUT.toNanos() - SECOND).isPresent());
    assertEquals(Optional.empty(), throttle.wait("b", now), "another client is not locked out");
  }

  @Test
  void aSuccessClearsTheClientsRecord() {
    SignInThrottle throttle = new SignInThrottle();
    throttle.failed("a", 0);
    throttle.failed("a", 2 * SECOND);
    throttle.succeeded("a");

    assertEquals(Optional.empty(), throttle.wait("a", 2 * SECOND));
    assertEquals(1, throttle.failed("a", 3 * SECOND));
  }

  @Test
  void manyFailuresFromManyClientsThrottleEveryoneUntilTheWindowHasRoom() {
    SignInThrottle throttle = new SignInThrottle();
    for (int i = 0; i < SignInThrottle.GLOBAL_FAILURES; i++) {
      throttle.failed("attacker-" + i, i * SECOND);
    }
    long now = SignInThrottle.GLOBAL_FAILURES * SECOND;

    Duration wait = throttle.wait("admin", now).orElseThrow();
    assertEquals(SignInThrottle.GLOBAL_WINDOW.minusSeconds(SignInThrottle.GLOBAL_FAILURES), wait);
    assertEquals(Optional.empty(), throttle.wait("admin", now + wait.toNanos()));
  }
}
