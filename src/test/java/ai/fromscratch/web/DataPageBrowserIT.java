package ai.fromscratch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.Browser;
import ai.fromscratch.testing.Deployments;
import ai.fromscratch.testing.Uploads;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DataPageBrowserIT {
  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.app();
  }

  @Test
  void uploadShowsTheReportThenPreviewPagesRecordsAndDeleteAsksFirst() {
    String name = "page-upload-" + UUID.randomUUID() + ".jsonl";
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 24; i++) {
      lines.append("{\"prompt\": \"Question ").append(i).append("?\", \"response\": \"Answer ");
      lines.append(i).append(".\"}\n");
    }
    lines.append("{\"prompt\": \"<script>window.hacked=1</script>\", \"response\":");
    lines.append(" \"<img src=x onerror=window.hacked=2>\"}\n");
    lines.append("{\"title\": \"no schema\"}\n");
    Path file = Uploads.file(name, lines.toString());

    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      page.get(base + "data");
      page.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());

      WebElement report =
          browser
              .waitUpTo(Duration.ofSeconds(60))
              .until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-report")));
      browser
          .waitUpTo(Duration.ofSeconds(30))
          .until(ExpectedConditions.textToBePresentInElement(report, "records accepted"));
      assertTrue(report.getText().contains("25 records accepted, 1 rejected"), report.getText());
      assertTrue(report.getText().contains("line 26"), report.getText());
      assertTrue(
          report.getText().contains("no known schema (keys found: title)"), report.getText());
      WebElement row = browser.datasetRow(name);
      browser.screenshot("data-upload-report");

      row.findElement(By.className("preview-button")).click();
      WebElement records =
          browser
              .waitUpTo(Duration.ofSeconds(20))
              .until(ExpectedConditions.visibilityOfElementLocated(By.id("dataForm:records")));
      assertTrue(records.getText().contains("Question 1?"), records.getText());
      page.findElement(By.cssSelector("#dataForm\\:records .ui-paginator-next")).click();
      browser
          .waitUpTo(Duration.ofSeconds(20))
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("dataForm:records"), "Question 11?"));
      page.findElement(By.cssSelector("#dataForm\\:records .ui-paginator-last")).click();
      browser
          .waitUpTo(Duration.ofSeconds(20))
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("dataForm:records"), "<script>window.hacked=1</script>"));
      assertTrue(
          page.findElement(By.id("dataForm:records"))
              .getText()
              .contains("<img src=x onerror=window.hacked=2>"),
          "markup in a record shows as text");
      assertEquals(null, ((JavascriptExecutor) page).executeScript("return window.hacked;"));
      browser.screenshot("data-preview");

      browser.datasetRow(name).findElement(By.className("delete-button")).click();
      WebElement confirm =
          browser
              .waitUpTo(Duration.ofSeconds(10))
              .until(
                  ExpectedConditions.visibilityOfElementLocated(By.className("ui-confirm-dialog")));
      assertTrue(confirm.getText().contains(name), confirm.getText());
      browser.screenshot("data-delete-confirm");
      confirm.findElement(By.className("ui-confirmdialog-yes")).click();
      // The table is replaced by the AJAX update: rows read mid-way may have gone stale.
      browser
          .waitUpTo(Duration.ofSeconds(20))
          .ignoring(StaleElementReferenceException.class)
          .until(driver -> !names(driver).contains(name));
    }
  }

  @Test
  void aLongDocumentShowsInItsRowWithinAScrollingBox() {
    String name = "page-guide-" + UUID.randomUUID() + ".md";
    Path file = Uploads.file(name, "# Guide\n\n" + "A line of the guide.\n".repeat(400));

    Api api = new Api(base.toString());
    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      browser.uploadOnDataPage(base.toString(), file, "1 record accepted, 0 rejected");
      browser.datasetRow(name).findElement(By.className("preview-button")).click();
      WebElement text =
          browser
              .waitUpTo(Duration.ofSeconds(20))
              .until(
                  ExpectedConditions.visibilityOfElementLocated(
                      By.cssSelector(".records-preview .turn-text")));

      JavascriptExecutor js = (JavascriptExecutor) page;
      long shown =
          ((Number) js.executeScript("return arguments[0].clientHeight;", text)).longValue();
      long whole =
          ((Number) js.executeScript("return arguments[0].scrollHeight;", text)).longValue();
      assertTrue(shown < 400 && whole > 4 * shown, "shown " + shown + " px of " + whole);
      browser.screenshot("data-long-document");
    } finally {
      api.deleteDataset(api.datasetNamed(name));
    }
  }

  private static List<String> names(WebDriver page) {
    return page.findElements(By.className("dataset-name")).stream()
        .map(WebElement::getText)
        .toList();
  }
}
