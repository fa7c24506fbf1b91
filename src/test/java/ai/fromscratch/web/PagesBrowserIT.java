package ai.fromscratch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Browser;
import ai.fromscratch.testing.Deployments;
import ai.fromscratch.testing.Http;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PagesBrowserIT {
  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.app();
  }

  @Test
  void navigationVisitsEveryPageAndEachShowsItsContent() {
    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      page.get(base.toString());
      assertEquals("Chat · From-Scratch AI", page.getTitle());
      // Other test classes share this server, so a model may be trained by now; a fresh server's
      // chat page is checked in ServerLifecycleIT.
      boolean modelLoaded = Http.get(base + "api/keepalive").json().getBoolean("model_loaded");
      assertEquals(modelLoaded, page.findElements(By.id("no-model")).isEmpty());
      browser.screenshot("chat");

      visit(browser, "nav-data", "Data · From-Scratch AI");
      assertTrue(page.findElement(By.id("data-dir")).getText().endsWith("it-data"));
      assertTrue(
          page.findElement(By.id("dataForm:synth-unavailable"))
              .getText()
              .contains("GROQ_API_KEY is not set"));
      browser.screenshot("data");

      visit(browser, "nav-admin", "Admin · From-Scratch AI");
      String configuration = page.findElement(By.id("adminForm:configuration")).getText();
      assertTrue(
          configuration.contains("RAG_TOP_K") && configuration.contains("(not set)"),
          configuration);
      browser.screenshot("admin-configuration");

      visit(browser, "nav-analytics", "Analytics · From-Scratch AI");
      assertTrue(Long.parseLong(page.findElement(By.id("starts")).getText()) >= 1);
      browser.screenshot("analytics-server");

      visit(browser, "nav-chat", "Chat · From-Scratch AI");
    }
  }

  @Test
  void theAdminPageTakesABackupListsItAndRestoresIt() {
    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      page.get(base + "admin");
      assertTrue(page.findElement(By.id("s3-problem")).getText().contains("off: set S3_BUCKET"));
      page.findElement(By.id("adminForm:backupNow")).click();
      WebElement taken =
          browser
              .waitUpTo(Duration.ofMinutes(2))
              .until(
                  ExpectedConditions.visibilityOfElementLocated(
                      By.xpath("//*[contains(text(), 'Backup taken')]")));
      assertTrue(taken.isDisplayed());
      WebElement newest =
          page.findElement(By.cssSelector("[id='adminForm:backup-list'] tbody tr:first-child"));
      String name = newest.findElement(By.className("mono")).getText();
      assertTrue(name.matches("backup-\\d{8}-\\d{6}-\\d{3}\\.zip"), name);
      assertTrue(newest.getText().contains("local"), newest.getText());
      browser.screenshot("admin-backups");

      newest.findElement(By.xpath(".//button[.//span[text()='Restore']]")).click();
      page.switchTo().alert().accept();
      browser
          .waitUpTo(Duration.ofMinutes(2))
          .until(
              ExpectedConditions.visibilityOfElementLocated(
                  By.xpath("//*[contains(text(), 'Restored " + name + "')]")));
      browser.screenshot("admin-restored");
    }
  }

  @Test
  void keepalivePageShowsStatus() {
    try (Browser browser = Browser.open()) {
      browser.driver().get(base + "keepalive");
      assertEquals("ok", browser.driver().findElement(By.id("status")).getText());
      boolean modelLoaded = Http.get(base + "api/keepalive").json().getBoolean("model_loaded");
      assertEquals(
          modelLoaded ? "yes" : "no",
          browser.driver().findElement(By.id("model-loaded")).getText());
      browser.screenshot("keepalive");
    }
  }

  @Test
  void unknownPageShowsAReadableMessage() {
    try (Browser browser = Browser.open()) {
      browser.driver().get(base + "no-such-page");
      assertTrue(browser.driver().getPageSource().contains("There is no page at this address"));
    }
  }

  private static void visit(Browser browser, String linkId, String title) {
    browser.driver().findElement(By.id(linkId)).click();
    browser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.titleIs(title));
  }
}
