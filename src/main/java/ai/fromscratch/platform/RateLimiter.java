package ai.fromscratch.platform;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets, one per client: {@code limit} requests per {@code window}, refilled smoothly, so a
 * client may burst up to the limit and then goes at the average rate.
 */
public final class RateLimiter {
  /** Buckets kept before full (idle) ones are dropped. */
  private static final int MAX_CLIENTS = 10_000;

  private final int limit;
  private final double tokensPerNano;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

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
  public Optional<Duration> acquire(String client, long nowNanos) {
    if (buckets.size() > MAX_CLIENTS) {
      buckets.values().removeIf(bucket -> refill(bucket, nowNanos) >= limit);
    }
    Bucket bucket = buckets.computeIfAbsent(client, key -> new Bucket(limit, nowNanos));
    synchronized (bucket) {
      if (refill(bucket, nowNanos) >= 1) {
        bucket.tokens -= 1;
        return Optional.empty();
      }
      return Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / tokensPerNano)));
    }
  }

  private double refill(Bucket bucket, long nowNanos) {
    synchronized (bucket) {
      bucket.tokens = Math.min(limit, bucket.tokens + (nowNanos - bucket.updated) * tokensPerNano);
      bucket.updated = nowNanos;
      return bucket.tokens;
    }
  }
}
