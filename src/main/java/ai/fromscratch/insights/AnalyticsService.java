package ai.fromscratch.insights;

import ai.fromscratch.insights.AnalyticsReport.Count;
import ai.fromscratch.insights.AnalyticsReport.RatingCount;
import ai.fromscratch.insights.AnalyticsReport.Summary;
import ai.fromscratch.insights.AnalyticsReport.TopQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Analytics page's figures: what was asked, how fast and how well it was answered. */
@ApplicationScoped
@Transactional
public class AnalyticsService {
  static final int TOP_QUERIES = 10;
  static final double[] LATENCY_BUCKETS_MS = {10, 25, 50, 100, 250, 500, 1000};
  static final int[] LENGTH_BUCKETS_TOKENS = {5, 10, 20, 40, 80};

  @PersistenceContext(unitName = "fromscratch")
  EntityManager em;

  public AnalyticsReport report(TimeRange range) {
    Instant since = range.since();
    List<Object[]> exchanges =
        em.createQuery(
                "SELECT e.id, e.createdAt, e.latencyMs, e.answerTokens, e.question,"
                    + " e.conversationId FROM Exchange e WHERE e.createdAt >= :since",
                Object[].class)
            .setParameter("since", since)
            .getResultList();
    Map<Long, Integer> ratingOf = new HashMap<>();
    List<Object[]> ratings =
        em.createQuery(
                "SELECT r.exchangeId, r.value, r.createdAt FROM Rating r WHERE r.createdAt >= :since",
                Object[].class)
            .setParameter("since", since)
            .getResultList();
    ratings.forEach(r -> ratingOf.put((Long) r[0], (Integer) r[1]));

    double[] latencies = exchanges.stream().mapToDouble(e -> (Double) e[2]).sorted().toArray();
    long conversations = exchanges.stream().map(e -> e[5]).distinct().count();
    Double average =
        ratings.isEmpty()
            ? null
            : ratings.stream().mapToInt(r -> (Integer) r[1]).average().orElse(0);
    Summary summary =
        new Summary(
            exchanges.size(),
            conversations,
            ratings.size(),
            average,
            percentile(latencies, 50),
            percentile(latencies, 95));
    return new AnalyticsReport(
        range.id(),
        summary,
        perDay(exchanges),
        histogram(Arrays.stream(latencies).boxed().toList(), LATENCY_BUCKETS_MS, "ms"),
        histogram(
            exchanges.stream().map(e -> ((Integer) e[3]).doubleValue()).toList(),
            Arrays.stream(LENGTH_BUCKETS_TOKENS).asDoubleStream().toArray(),
            "tokens"),
        ratingsPerDay(ratings),
        topQueries(exchanges, ratingOf));
  }

  /** The nearest-rank percentile, or null without data. */
  static Double percentile(double[] sorted, int percent) {
    if (sorted.length == 0) {
      return null;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static List<Count> perDay(List<Object[]> exchanges) {
    Map<LocalDate, Long> days = new TreeMap<>();
    exchanges.forEach(e -> days.merge(day((Instant) e[1]), 1L, Long::sum));
    return days.entrySet().stream()
        .map(d -> new Count(d.getKey().toString(), d.getValue()))
        .toList();
  }

  private static List<RatingCount> ratingsPerDay(List<Object[]> ratings) {
    Map<LocalDate, long[]> days = new TreeMap<>();
    for (Object[] rating : ratings) {
      long[] counts = days.computeIfAbsent(day((Instant) rating[2]), d -> new long[2]);
      counts[(Integer) rating[1] > 0 ? 0 : 1]++;
    }
    return days.entrySet().stream()
        .map(d -> new RatingCount(d.getKey().toString(), d.getValue()[0], d.getValue()[1]))
        .toList();
  }

  /** Counts per bucket: below the first bound, between bounds, and from the last bound on. */
  static List<Count> histogram(List<Double> values, double[] bounds, String unit) {
    long[] counts = new long[bounds.length + 1];
    for (double value : values) {
      int bucket = 0;
      while (bucket < bounds.length && value >= bounds[bucket]) {
        bucket++;
      }
      counts[bucket]++;
    }
    List<Count> histogram = new ArrayList<>();
    for (int i = 0; i <= bounds.length; i++) {
      String label =
          i == 0
              ? "< " + format(bounds[0]) + " " + unit
              : i == bounds.length
                  ? "≥ " + format(bounds[i - 1]) + " " + unit
                  : format(bounds[i - 1]) + "–" + format(bounds[i]) + " " + unit;
      histogram.add(new Count(label, counts[i]));
    }
    return histogram;
  }

  private static List<TopQuery> topQueries(List<Object[]> exchanges, Map<Long, Integer> ratingOf) {
    Map<String, long[]> groups = new HashMap<>();
    for (Object[] exchange : exchanges) {
      String query = QueryNormalizer.normalize((String) exchange[4]);
      if (query.isEmpty()) {
        continue;
      }
      long[] stats = groups.computeIfAbsent(query, q -> new long[3]);
      stats[0]++;
      Integer rating = ratingOf.get((Long) exchange[0]);
      if (rating != null) {
        stats[1]++;
        stats[2] += rating;
      }
    }
    return groups.entrySet().stream()
        .sorted(
            Comparator.comparingLong((Map.Entry<String, long[]> g) -> g.getValue()[0])
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(TOP_QUERIES)
        .map(
            g ->
                new TopQuery(
                    g.getKey(),
                    g.getValue()[0],
                    g.getValue()[1] == 0 ? null : (double) g.getValue()[2] / g.getValue()[1]))
        .toList();
  }

  private static LocalDate day(Instant instant) {
    return instant.atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
