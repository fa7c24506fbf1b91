package ai.fromscratch.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.fromscratch.insights.AnalyticsReport.Count;
import ai.fromscratch.platform.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsightsTest {

  @Test
  void trivialVariantsOfAQuestionNormalizeAlike() {
    String expected = "whats the capital of france";
    assertEquals(expected, QueryNormalizer.normalize("What's the capital of France?"));
    assertEquals(expected, QueryNormalizer.normalize("  whats   the capital of FRANCE!! "));
    assertEquals(expected, QueryNormalizer.normalize("What’s the capital of France…"));
    assertEquals("café 2", QueryNormalizer.normalize("Cafe\u0301 #2"));
    assertEquals("", QueryNormalizer.normalize("?!"));
  }

  @Test
  void percentilesAreNearestRank() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertEquals(5, AnalyticsService.percentile(sorted, 50));
    assertEquals(10, AnalyticsService.percentile(sorted, 95));
    assertEquals(7, AnalyticsService.percentile(new double[] {7}, 95));
    assertNull(AnalyticsService.percentile(new double[0], 50));
  }

  @Test
  void histogramBucketsIncludeTheirLowerBound() {
    List<Count> histogram =
        AnalyticsService.histogram(
            List.of(1.0, 10.0, 24.9, 25.0, 2000.0), new double[] {10, 25}, "ms");
    assertEquals(
        List.of(new Count("< 10 ms", 1), new Count("10–25 ms", 2), new Count("≥ 25 ms", 2)),
        histogram);
  }

  @Test
  void csvQuotesOnlyWhatNeedsIt() {
    assertEquals(
        "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n",
        Csv.row("a", "b,c", "say \"hi\"", "two\nlines", null));
  }

  @Test
  void csvCellsThatASpreadsheetWouldRunAsFormulasAreNeutralised() {
    for (String formula : List.of("=1+1", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1")) {
      assertEquals("'" + formula, Csv.neutralised(formula), formula);
    }
    for (String plain : List.of("-1", "+2.5", "-0.25e3", "3", "", "a = b", "why -1?")) {
      assertEquals(plain, Csv.neutralised(plain), plain);
    }
    assertEquals(
        "\"'=HYPERLINK(\"\"http://evil\"\")\",-1\r\n",
        Csv.row("=HYPERLINK(\"http://evil\")", "-1"));
  }

  @Test
  void rangesAndFormatsAreNamedOrRefused() {
    assertEquals(TimeRange.WEEK, TimeRange.of(null));
    assertEquals(TimeRange.DAY, TimeRange.of("24h"));
    assertEquals(ExportFormat.OPENAI, ExportFormat.of("OpenAI"));
    assertEquals(
        "conversations-2026-11-24-csv.csv", ExportFormat.CSV.fileName("conversations-2026-11-24"));
    assertEquals(
        "range must be one of 24h, 7d, 30d, all",
        assertThrows(ApiException.class, () -> TimeRange.of("1y")).getMessage());
    assertThrows(ApiException.class, () -> ExportFormat.of("xml"));
  }
}
