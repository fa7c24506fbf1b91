package ai.fromscratch.insights;

import ai.fromscratch.chat.AskedFigures;
import ai.fromscratch.chat.ChatStore;
import ai.fromscratch.chat.RatedFigures;
import ai.fromscratch.insights.AnalyticsReport.Count;
import ai.fromscratch.insights.AnalyticsReport.RatingCount;
import ai.fromscratch.insights.AnalyticsReport.Summary;
import ai.fromscratch.insights.AnalyticsReport.TopQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

  @Inject ChatStore chats;

  public AnalyticsReport report(TimeRange range) {
    Instant since = range.since();
    List<AskedFigures> exchanges = chats.askedSince(since);
    List<RatedFigures> ratings = chats.ratedSince(since);
    Map<Long, Integer> ratingOf = new HashMap<>();
    ratings.forEach(r -> ratingOf.put(r.exchangeId(), r.value()));

    double[] latencies = exchanges.stream().mapToDouble(AskedFigures::latencyMs).sorted().toArray();
    long conversations = exchanges.stream().map(AskedFigures::conversationId).distinct().count();
    Double average =
        ratings.isEmpty()
            ? null
            : ratings.stream().mapToInt(RatedFigures::value).average().orElse(0);
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
            exchanges.stream().map(e -> (double) e.answerTokens()).toList(),
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

  private static List<Count> perDay(List<AskedFigures> exchanges) {
    Map<LocalDate, Long> days = new TreeMap<>();
    exchanges.forEach(e -> days.merge(day(e.createdAt()), 1L, Long::sum));
    return days.entrySet().stream()
        .map(d -> new Count(d.getKey().toString(), d.getValue()))
        .toList();
  }

  private static List<RatingCount> ratingsPerDay(List<RatedFigures> ratings) {
    Map<LocalDate, long[]> days = new TreeMap<>();
    for (RatedFigures rating : ratings) {
      long[] counts = days.computeIfAbsent(day(rating.createdAt()), d -> new long[2]);
      counts[rating.value() > 0 ? 0 : 1]++;
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

  private static List<TopQuery> topQueries(
      List<AskedFigures> exchanges, Map<Long, Integer> ratingOf) {
    Map<String, long[]> groups = new HashMap<>();
    for (AskedFigures exchange : exchanges) {
      String query = QueryNormalizer.normalize(exchange.question());
      if (query.isEmpty()) {
        continue;
      }
      long[] stats = groups.computeIfAbsent(query, q -> new long[3]);
      stats[0]++;
      Integer rating = ratingOf.get(exchange.exchangeId());
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
