package ai.fromscratch.web;

import ai.fromscratch.insights.AnalyticsReport;
import ai.fromscratch.insights.AnalyticsReport.Count;
import ai.fromscratch.insights.AnalyticsReport.RatingCount;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The Analytics page's charts as Chart.js configurations for {@code p:chart}. Labels are days and
 * bucket names the server writes, never text users typed.
 */
final class AnalyticsCharts {
  private static final String BLUE = "#4f46e5";
  private static final String GREEN = "#2e9d5b";
  private static final String RED = "#d2453b";
  private static final String GREY = "#7b8794";

  private AnalyticsCharts() {}

  static String messagesPerDay(AnalyticsReport report) {
    List<Count> days = report.messagesPerDay();
    return chart(
        "bar",
        labels(days.stream().map(Count::label).toList()),
        Json.createArrayBuilder().add(dataset("Messages", BLUE, days, Count::count)),
        false);
  }

  static String latencyHistogram(AnalyticsReport report) {
    return histogram("Answers by latency", GREY, report.latencyHistogram());
  }

  static String answerLengthHistogram(AnalyticsReport report) {
    return histogram("Answers by length", BLUE, report.answerLengthHistogram());
  }

  static String ratingsPerDay(AnalyticsReport report) {
    List<RatingCount> days = report.ratingsPerDay();
    return chart(
        "bar",
        labels(days.stream().map(RatingCount::day).toList()),
        Json.createArrayBuilder()
            .add(dataset("Up", GREEN, days, RatingCount::up))
            .add(dataset("Down", RED, days, RatingCount::down)),
        true);
  }

  private static String histogram(String name, String color, List<Count> buckets) {
    return chart(
        "bar",
        labels(buckets.stream().map(Count::label).toList()),
        Json.createArrayBuilder().add(dataset(name, color, buckets, Count::count)),
        false);
  }

  private static JsonArrayBuilder labels(List<String> labels) {
    return Json.createArrayBuilder(labels);
  }

  private static <T> JsonObjectBuilder dataset(
      String label, String color, List<T> points, ToLongFunction<T> value) {
    JsonArrayBuilder data = Json.createArrayBuilder();
    points.forEach(point -> data.add(value.applyAsLong(point)));
    return Json.createObjectBuilder()
        .add("label", label)
        .add("backgroundColor", color)
        .add("data", data);
  }

  private static String chart(
      String type, JsonArrayBuilder labels, JsonArrayBuilder datasets, boolean stacked) {
    JsonObjectBuilder axis =
        Json.createObjectBuilder()
            .add("stacked", stacked)
            .add("beginAtZero", true)
            .add("ticks", Json.createObjectBuilder().add("precision", 0));
    return Json.createObjectBuilder()
        .add("type", type)
        .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
        .add(
            "options",
            Json.createObjectBuilder()
                .add("animation", false)
                .add("maintainAspectRatio", false)
                .add(
                    "plugins",
                    Json.createObjectBuilder()
                        .add("legend", Json.createObjectBuilder().add("display", stacked)))
                .add(
                    "scales",
                    Json.createObjectBuilder()
                        .add("x", Json.createObjectBuilder().add("stacked", stacked))
                        .add("y", axis)))
        .build()
        .toString();
  }
}
