package ai.fromscratch.platform;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows the guessing of the admin password. Per client: after each failed sign-in the next attempt
 * waits longer (1 s, 2 s, 4 s, up to a minute), and after {@link #LOCKOUT_AFTER} failures in a row
 * the client is locked out for {@link #LOCKOUT}. Across all clients (an attack from many
 * addresses): once {@link #GLOBAL_FAILURES} failures came within {@link #GLOBAL_WINDOW}, every
 * sign-in waits until the window has room again. A success clears the client's record. Times are in
 * nanoseconds of {@link System#nanoTime()}, passed in so tests need not wait.
 */
public final class SignInThrottle {
  static final int LOCKOUT_AFTER = 10;
  static final Duration LOCKOUT = Duration.ofMinutes(15);
  static final Duration LONGEST_DELAY = Duration.ofMinutes(1);
  static final int GLOBAL_FAILURES = 100;
  static final Duration GLOBAL_WINDOW = Duration.ofMinutes(15);
  private static final int MAX_CLIENTS = 10_000;

  private final Map<String, Record> clients =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
          return size() > MAX_CLIENTS;
        }
      };
  private final Deque<Long> recentFailures = new ArrayDeque<>();

  private static final class Record {
    int failures;
    long notBefore;
  }

  /** How long {@code client} must wait before its next attempt; empty when it may try now. */
  public synchronized Optional<Duration> wait(String client, long now) {
    long until = 0;
    Record record = clients.get(client);
    if (record != null) {
      until = record.notBefore;
    }
    forgetOldFailures(now);
    if (recentFailures.size() >= GLOBAL_FAILURES) {
      until = Math.max(until, recentFailures.peekFirst() + GLOBAL_WINDOW.toNanos());
    }
    return until > now ? Optional.of(Duration.ofNanos(until - now)) : Optional.empty();
  }

  /** Records a failed attempt; returns how many {@code client} has made in a row. */
  public synchronized int failed(String client, long now) {
    Record record = clients.computeIfAbsent(client, key -> new Record());
    record.failures++;
    Duration delay =
        record.failures >= LOCKOUT_AFTER
            ? LOCKOUT
            : min(Duration.ofSeconds(1L << Math.min(record.failures - 1, 30)), LONGEST_DELAY);
    record.notBefore = now + delay.toNanos();
    forgetOldFailures(now);
    recentFailures.addLast(now);
    return record.failures;
  }

  public synchronized void succeeded(String client) {
    clients.remove(client);
  }

  private void forgetOldFailures(long now) {
    while (!recentFailures.isEmpty()
        && now - recentFailures.peekFirst() >= GLOBAL_WINDOW.toNanos()) {
      recentFailures.removeFirst();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
