package ai.fromscratch.platform;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token buckets, one per client: {@code limit} requests per {@code window}, refilled smoothly, so a
 * client may burst up to the limit and then goes at the average rate. The table is bounded: past
 * {@link #MAX_CLIENTS} the client seen least recently is forgotten (it then starts with a full
 * bucket, which costs the limit nothing that a new client would not get anyway).
 */
public final class RateLimiter {
  static final int MAX_CLIENTS = 10_000;

  private final int limit;
  private final double tokensPerNano;
  private final Map<String, Bucket> buckets =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }

  public RateLimiter(int limit, Duration window) {
    this.limit = limit;
    this.tokensPerNano = (double) limit / window.toNanos();
  }

  /** Takes a token for {@code client}: empty when allowed, else how long until one is back. */
  public synchronized Optional<Duration> acquire(String client, long nowNanos) {
    Bucket bucket = buckets.computeIfAbsent(client, key -> new Bucket(limit, nowNanos));
    bucket.tokens = Math.min(limit, bucket.tokens + (nowNanos - bucket.updated) * tokensPerNano);
    bucket.updated = nowNanos;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / tokensPerNano)));
  }

  /** Clients in the table now. */
  synchronized int clients() {
    return buckets.size();
  }
}
