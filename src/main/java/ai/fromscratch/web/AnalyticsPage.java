package ai.fromscratch.web;

import ai.fromscratch.insights.AnalyticsReport;
import ai.fromscratch.insights.AnalyticsService;
import ai.fromscratch.insights.TimeRange;
import ai.fromscratch.platform.ServerStartLog;
import ai.fromscratch.platform.ServerStatus;
import ai.fromscratch.platform.StatusService;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.Locale;

/** Backs the Analytics page: the figures of the chosen time range, and the server's own. */
@ViewModel
public class AnalyticsPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject AnalyticsService analytics;
  @Inject StatusService statusService;
  @Inject ServerStartLog serverStartLog;

  private String range = TimeRange.WEEK.id();
  private AnalyticsReport report;
  private ServerStatus status;
  private long starts;

  @PostConstruct
  void load() {
    refresh();
  }

  /** Recomputes the figures for the chosen range. */
  public void refresh() {
    report = analytics.report(TimeRange.of(range));
    status = statusService.status();
    starts = serverStartLog.count();
  }

  public String getRange() {
    return range;
  }

  public void setRange(String range) {
    this.range = range;
  }

  public TimeRange[] getRanges() {
    return TimeRange.values();
  }

  public AnalyticsReport getReport() {
    return report;
  }

  /** The average rating as the share of thumbs up, or a dash before any rating. */
  public String getApproval() {
    Double average = report.summary().averageRating();
    return average == null ? "–" : String.format(Locale.ROOT, "%.0f%% up", (average + 1) / 2 * 100);
  }

  public String getMessagesChart() {
    return AnalyticsCharts.messagesPerDay(report);
  }

  public String getLatencyChart() {
    return AnalyticsCharts.latencyHistogram(report);
  }

  public String getLengthChart() {
    return AnalyticsCharts.answerLengthHistogram(report);
  }

  public String getRatingsChart() {
    return AnalyticsCharts.ratingsPerDay(report);
  }

  public ServerStatus getStatus() {
    return status;
  }

  public long getStarts() {
    return starts;
  }
}
