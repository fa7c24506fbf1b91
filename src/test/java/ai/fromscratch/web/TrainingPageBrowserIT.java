package ai.fromscratch.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.Browser;
import ai.fromscratch.testing.Deployments;
import ai.fromscratch.testing.TestData;
import ai.fromscratch.testing.Uploads;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TrainingPageBrowserIT {
  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.app();
  }

  private static WebElement jobRow(Browser browser, long id) {
    return browser.present(
        By.xpath("//tbody[@id='dataForm:jobs_data']/tr[td[1][normalize-space()='" + id + "']]"));
  }

  /** Clicks a button of a job's row; the table re-renders every second, so it may take a retry. */
  private static void clickInRow(Browser browser, long id, String buttonClass) {
    browser
        .waitUpTo(Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(
            driver -> {
              jobRow(browser, id).findElement(By.className(buttonClass)).click();
              return true;
            });
  }

  private static void awaitState(Browser browser, long id, String state, Duration timeout) {
    browser
        .waitUpTo(timeout)
        .ignoring(StaleElementReferenceException.class)
        .until(
            driver ->
                jobRow(browser, id).findElement(By.className("job-state")).getText().equals(state));
  }

  @Test
  void trainButtonRunsAJobWhoseResultShowsInTheHistory() {
    Api api = new Api(base.toString());
    api.upload(Uploads.file("page-train.jsonl", TestData.qaPairs(200, 21)));

    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      page.get(base + "data");
      WebElement order = page.findElement(By.cssSelector("#dataForm\\:order input"));
      order.clear();
      order.sendKeys("2");
      page.findElement(By.id("dataForm:trainNgram")).click();
      browser
          .waitUpTo(Duration.ofSeconds(20))
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("dataForm:messages_container"), "Started training"));
      long id = latestJob(api);
      awaitState(browser, id, "completed", Duration.ofMinutes(2));
      String result = jobRow(browser, id).findElement(By.className("job-result")).getText();
      assertTrue(result.contains("n-grams"), result);
      browser.screenshot("data-training-completed");

      page.navigate().refresh();
      assertTrue(page.findElement(By.id("model-id")).getText().startsWith("model-"));
      assertTrue(jobRow(browser, id).getText().contains("completed"));
    }
  }

  @Test
  void progressKeepsUpdatingAfterAReloadAndStopAndRestartWork() {
    Api api = new Api(base.toString());
    long dataset = api.upload(Uploads.file("page-slow.jsonl", TestData.qaPairs(20000, 22)));
    long id =
        api.startTraining(
            "{\"kind\": \"ngram\", \"order\": 3, \"chunk_size\": 1, \"datasets\": ["
                + dataset
                + "]}");

    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      page.get(base + "data");
      awaitState(browser, id, "running", Duration.ofSeconds(30));
      page.navigate().refresh();
      WebElement bar = jobRow(browser, id).findElement(By.className("ui-progressbar"));
      String first = bar.getText();
      browser
          .waitUpTo(Duration.ofSeconds(30))
          .ignoring(StaleElementReferenceException.class)
          .until(
              driver ->
                  !jobRow(browser, id)
                      .findElement(By.className("ui-progressbar"))
                      .getText()
                      .equals(first));
      browser.screenshot("data-training-progress");

      clickInRow(browser, id, "stop-job");
      awaitState(browser, id, "stopped", Duration.ofSeconds(60));
      clickInRow(browser, id, "restart-job");
      awaitState(browser, id, "running", Duration.ofSeconds(60));
      browser.screenshot("data-training-restarted");
      ai.fromscratch.testing.Http.postJson(api.url("/api/train/" + id + "/stop"), "");
      awaitState(browser, id, "stopped", Duration.ofSeconds(60));
    }
  }

  private static long latestJob(Api api) {
    return ai.fromscratch.testing.Http.get(api.url("/api/train/jobs"))
        .jsonArray()
        .getJsonObject(0)
        .getJsonNumber("id")
        .longValue();
  }
}
