package ai.fromscratch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.platform.Setting;
import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.Browser;
import ai.fromscratch.testing.Deployments;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.TestData;
import ai.fromscratch.testing.Uploads;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Chat, Admin and Analytics pages in a real browser, on a model trained from a help desk's
 * answers: a conversation streams in with its sources, is rated, renamed and deleted; the rating
 * shows on the Admin page; the exports download; the analytics move with new chats; and markup
 * written by users or found in datasets shows as text.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatPagesBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String XSS_DATA =
      """
      {"question": "Is <script>window.hacked='dataset'</script> safe?", "answer": "Never <img src=x onerror=\\"window.hacked='answer'\\"> trust markup."}
      """;

  private static final String CODE_DATA =
      """
      {"question": "How do I list the installed packages?", "answer": "Run `dpkg --list` and look at /etc/apt/sources.list:\\n\\n    dpkg --list | grep python3\\n\\nSee https://www.debian.org/doc/ for more."}
      """;

  private static boolean trained;

  @ArquillianResource URL base;

  private Api api;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.app();
  }

  @BeforeEach
  void modelTrainedOnTheHelpDesk() {
    api = new Api(base.toString());
    if (!trained) {
      long helpDesk =
          api.upload(
              Uploads.file(
                  "page-help-" + System.nanoTime() + ".jsonl",
                  TestData.unique(TestData.HELP_DESK + TestData.SECOND_PRODUCT)));
      long markup = api.upload(Uploads.file("page-xss-" + System.nanoTime() + ".jsonl", XSS_DATA));
      long code = api.upload(Uploads.file("page-code-" + System.nanoTime() + ".jsonl", CODE_DATA));
      JsonObject job =
          api.awaitJob(
              api.startTraining(
                  "{\"kind\": \"ngram\", \"order\": 3, \"datasets\": ["
                      + helpDesk
                      + ", "
                      + markup
                      + ", "
                      + code
                      + "]}"),
              Duration.ofMinutes(4));
      assertEquals("completed", job.getString("state"), job.toString());
      trained = true;
    }
  }

  @Test
  void aConversationStreamsInShowsItsSourcesAndIsRatedRenamedAndDeleted() {
    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      page.get(base.toString());
      assertTrue(page.findElements(By.id("no-model")).isEmpty());
      countStreamedTokens(page);
      page.findElement(By.cssSelector("#options summary")).click();
      WebElement temperature = page.findElement(By.id("opt-temperature"));
      temperature.clear();
      temperature.sendKeys("0");

      WebElement answer = ask(browser, "How long is the warranty of the Zephyr kettle?");

      assertTrue(answer.findElement(By.className("text")).getText().contains("three years"));
      assertTrue(
          ((Number) script(page, "return window.streamedTokens;")).intValue() > 1,
          "the answer came in pieces");
      WebElement sources = answer.findElement(By.cssSelector("details.sources"));
      sources.findElement(By.tagName("summary")).click();
      String shown = sources.getText();
      assertTrue(shown.contains("warranty") && shown.contains("similarity"), shown);
      browser.screenshot("chat-answer");

      answer.findElement(By.className("rate-down")).click();
      WebElement comment = answer.findElement(By.className("rating-comment"));
      browser.waitUpTo(WAIT).until(ExpectedConditions.visibilityOf(comment));
      comment.sendKeys("Should say how to claim it", Keys.ENTER);
      browser
          .waitUpTo(WAIT)
          .until(
              ExpectedConditions.textToBePresentInElement(
                  answer.findElement(By.className("rating-saved")), "saved"));

      page.get(base + "admin");
      String ratings = page.findElement(By.id("adminForm:ratings")).getText();
      assertTrue(ratings.contains("Should say how to claim it"), ratings);
      assertTrue(ratings.contains("How long is the warranty of the Zephyr kettle?"), ratings);
      chooseButton(browser, "adminForm:ratingValue", "Up");
      browser
          .waitUpTo(WAIT)
          .until(
              driver ->
                  !driver
                      .findElement(By.id("adminForm:ratings"))
                      .getText()
                      .contains("Should say how to claim it"));
      chooseButton(browser, "adminForm:ratingValue", "Down");
      browser
          .waitUpTo(WAIT)
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("adminForm:ratings"), "Should say how to claim it"));
      browser.screenshot("admin");

      page.get(base.toString());
      WebElement item = conversationItem(browser, "How long is the warranty");
      item.findElement(By.className("rename")).click();
      page.switchTo().alert().sendKeys("Kettle warranty");
      page.switchTo().alert().accept();
      WebElement renamed = conversationItem(browser, "Kettle warranty");

      renamed.findElement(By.className("delete")).click();
      page.switchTo().alert().accept();
      browser
          .waitUpTo(WAIT)
          .ignoring(StaleElementReferenceException.class)
          .until(
              driver ->
                  !driver.findElement(By.id("conversation-list")).getText().contains("Kettle"));
      assertTrue(page.findElement(By.id("messages")).getText().isEmpty());
    }
  }

  @Test
  void aNewMessageGoesOnInTheOpenConversationAndAReloadShowsTheWholeThread() {
    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      page.get(base.toString());
      ask(browser, "Where do I find my invoice?");
      ask(browser, "How do I reset my router?");
      long conversation =
          Long.parseLong(
              page.findElement(By.cssSelector("#conversation-list li.active"))
                  .getAttribute("data-id"));

      page.get(base + "?c=" + conversation);
      browser
          .waitUpTo(WAIT)
          .until(
              driver ->
                  driver.findElements(By.cssSelector(".message.assistant[data-exchange]")).size()
                      == 2);
      List<WebElement> questions = page.findElements(By.cssSelector(".message.user"));
      assertEquals("Where do I find my invoice?", questions.get(0).getText());
      assertEquals("How do I reset my router?", questions.get(1).getText());
    }
  }

  @Test
  void eachExportDownloadsWithTheConversationsInIt() throws IOException {
    long exchange =
        Http.postJson(api.url("/api/chat"), "{\"message\": \"Where do I find my invoice?\"}")
            .json()
            .getJsonNumber("exchange_id")
            .longValue();
    Http.postJson(
        api.url("/api/ratings"),
        "{\"exchange_id\": " + exchange + ", \"rating\": \"up\", \"comment\": \"exported\"}");

    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      page.get(base + "admin");
      page.findElement(By.id("export-jsonl")).click();
      page.findElement(By.id("export-csv")).click();
      page.findElement(By.id("export-openai-up")).click();
      page.findElement(By.id("export-alpaca")).click();
      page.findElement(By.id("export-datasets")).click();

      String jsonl = Files.readString(browser.downloaded("-jsonl.jsonl", WAIT));
      assertTrue(
          jsonl.lines().map(ChatPagesBrowserIT::parse).anyMatch(line -> isExchange(line, exchange)),
          jsonl);
      String csv = Files.readString(browser.downloaded("-csv.csv", WAIT));
      assertTrue(csv.startsWith("exchange_id,"), csv);
      assertTrue(csv.contains("exported"), csv);
      String openAi = Files.readString(browser.downloaded("-openai.jsonl", WAIT));
      assertTrue(openAi.contains("\"role\":\"assistant\""), openAi);
      String alpaca = Files.readString(browser.downloaded("-alpaca.jsonl", WAIT));
      assertTrue(alpaca.contains("\"instruction\":\"Where do I find my invoice?\""), alpaca);
      String datasets = Files.readString(browser.downloaded("datasets-", WAIT));
      assertTrue(datasets.contains("Hold the reset button for ten seconds"), datasets);
    }
  }

  @Test
  void analyticsMoveWithNewChats() {
    String question = "Does the Zephyr kettle whistle " + System.nanoTime();
    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      page.get(base + "analytics");
      chooseButton(browser, "analyticsForm:range", "24 hours");
      long before = Long.parseLong(text(browser, "messages-count"));
      browser.screenshot("analytics-before");

      Http.postJson(api.url("/api/chat"), "{\"message\": \"" + question + "?\"}");
      Http.postJson(api.url("/api/chat"), "{\"message\": \"" + question.toUpperCase() + "\"}");

      page.navigate().refresh();
      chooseButton(browser, "analyticsForm:range", "24 hours");
      browser
          .waitUpTo(WAIT)
          .ignoring(StaleElementReferenceException.class)
          .until(driver -> text(browser, "messages-count").equals(String.valueOf(before + 2)));
      String top = page.findElement(By.id("analyticsForm:topQueries")).getText();
      assertTrue(top.contains(question.toLowerCase() + " 2"), top);
      for (String chart : List.of("messagesChart", "latencyChart", "lengthChart", "ratingsChart")) {
        assertFalse(
            page.findElements(By.cssSelector("[id='analyticsForm:" + chart + "'] canvas"))
                .isEmpty(),
            chart);
      }
      assertFalse(page.findElement(By.id("latency")).getText().contains("–"));
      browser.screenshot("analytics");
    }
  }

  @Test
  void markupFromUsersAndDatasetsShowsAsText() {
    String message = "Is <script>window.hacked='message'</script><b onmouseover=x()>bold</b> safe?";
    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      page.get(base.toString());
      WebElement answer = ask(browser, message);
      answer.findElement(By.cssSelector("details.sources summary")).click();

      assertEquals(message, page.findElements(By.cssSelector(".message.user")).get(0).getText());
      assertTrue(
          answer.getText().contains("<script>window.hacked='dataset'</script>"), answer.getText());
      assertTrue(
          page.findElements(By.cssSelector("#messages b, #messages img, #messages script"))
              .isEmpty());
      assertTrue(page.findElement(By.id("conversation-list")).getText().contains("<script>"));
      assertNull(script(page, "return window.hacked;"));
      browser.screenshot("chat-markup");

      // Rated in the page: only the visitor who asked may rate the answer.
      answer.findElement(By.className("rate-up")).click();
      WebElement comment = answer.findElement(By.className("rating-comment"));
      WebElement saved = answer.findElement(By.className("rating-saved"));
      browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElement(saved, "saved"));
      script(page, "arguments[0].textContent = '';", saved);
      comment.sendKeys("<i>nice</i>", Keys.ENTER);
      browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElement(saved, "saved"));
      for (String other : List.of("admin", "analytics", "data")) {
        page.get(base + other);
        assertNull(script(page, "return window.hacked;"), other);
        assertTrue(page.findElements(By.xpath("//main//i[contains(., 'nice')]")).isEmpty(), other);
      }
      page.get(base + "admin");
      assertTrue(page.getPageSource().contains("&lt;i&gt;nice&lt;/i&gt;"));
      assertTrue(page.getPageSource().contains("&lt;script&gt;window.hacked='message'"));
    }
  }

  @Test
  void anAnswerCopiesItsSourceExactlyAndShowsItsCodeAsCode() {
    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      page.get(base.toString());

      WebElement answer = ask(browser, "how can I see which packages are installed");

      WebElement text = answer.findElement(By.className("text"));
      assertEquals(
          "dpkg --list", text.findElement(By.cssSelector("p code")).getText(), text.getText());
      assertEquals(
          "dpkg --list | grep python3", text.findElement(By.cssSelector("pre code")).getText());
      assertTrue(text.getText().startsWith("Run dpkg --list and look at /etc/apt/sources.list:"));
      assertTrue(text.getText().contains("See https://www.debian.org/doc/ for more."));
      browser.screenshot("chat-code");
    }
  }

  @Test
  void aMarkdownFileUploadedOnTheDataPageIsAnsweredFromItsSectionWhichTheSourceNames() {
    String name = "page-lamp-" + System.nanoTime() + ".md";
    Path manual = Uploads.file(name, TestData.LAMP_MANUAL);
    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      browser.uploadOnDataPage(base.toString(), manual, "1 record accepted, 0 rejected");
      long dataset = api.datasetNamed(name);
      try {
        api.index(dataset);
        page.get(base.toString());

        WebElement answer = ask(browser, "How long does the Aurora lamp take to charge?");

        String text = answer.findElement(By.className("text")).getText();
        assertEquals(TestData.LAMP_CHARGING.replace('\n', ' '), text.replace('\n', ' '));
        String origin =
            answer
                .findElement(By.cssSelector("details.sources .source-origin"))
                .getAttribute("textContent");
        assertTrue(origin.startsWith(name + ", record 1, “Charging the lamp”"), origin);
        browser.screenshot("chat-document");
      } finally {
        api.deleteDataset(dataset);
      }
    }
  }

  /** Types a question, sends it with Enter, and returns the answer once it is complete. */
  @Test
  void aSecondVisitorSeesNoneOfTheFirstOnesConversationsAndEachCanDeleteTheirOwnHistory() {
    try (Browser first = Browser.open();
        Browser second = Browser.open()) {
      WebDriver alice = first.driver();
      alice.get(base.toString());
      ask(first, "Alice wants to know about the Zephyr kettle warranty");
      WebElement mine = conversationItem(first, "Alice wants to know");
      String aliceConversation = mine.getAttribute("data-id");

      WebDriver bob = second.driver();
      bob.get(base.toString());
      ask(second, "Bob asks how to reset the router");
      conversationItem(second, "Bob asks how");
      assertFalse(
          bob.findElement(By.id("conversation-list")).getText().contains("Alice"),
          "bob's list holds only his own");
      bob.get(base + "?c=" + aliceConversation);
      second
          .waitUpTo(WAIT)
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.cssSelector(".message.error"), "No conversation " + aliceConversation));
      assertFalse(bob.findElement(By.id("messages")).getText().contains("Alice wants"));
      second.screenshot("chat-other-visitor");

      alice.findElement(By.id("delete-history")).click();
      alice.switchTo().alert().accept();
      first
          .waitUpTo(WAIT)
          .until(driver -> driver.findElements(By.cssSelector("#conversation-list li")).isEmpty());
      bob.get(base.toString());
      conversationItem(second, "Bob asks how");
    }
  }

  @Test
  void aFollowUpUsesTheFirstTurnAndACopiedStretchLightsItsSource() {
    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      page.get(base.toString());
      ask(browser, "What colours does the Nimbus toaster come in?");
      WebElement followUp = ask(browser, "and how long is its warranty?");

      String text = followUp.findElement(By.className("text")).getText();
      assertTrue(text.contains("two years"), "the toaster's warranty, not the kettle's: " + text);
      WebElement mark = followUp.findElement(By.cssSelector("mark.copied"));
      new Actions(page).moveToElement(mark).perform();
      WebElement source =
          followUp.findElement(
              By.cssSelector(
                  "details.sources li[data-source='" + mark.getAttribute("data-source") + "']"));
      browser.waitUpTo(WAIT).until(driver -> source.getAttribute("class").contains("active"));
      assertTrue(source.getText().contains("Nimbus toaster"), source.getText());
      String words = source.findElement(By.cssSelector(".copied-source.active")).getText();
      assertTrue(words.contains(mark.getText().strip()), words + " / " + mark.getText());
      browser.screenshot("chat-attribution");

      new Actions(page).moveToElement(page.findElement(By.id("message"))).perform();
      browser.waitUpTo(WAIT).until(driver -> !source.getAttribute("class").contains("active"));

      // The admin (this development server has no password) opens the record behind a source.
      page.get(source.findElement(By.cssSelector("a.source-origin")).getAttribute("href"));
      String record =
          browser
              .waitUpTo(WAIT)
              .until(
                  ExpectedConditions.presenceOfElementLocated(
                      By.cssSelector("tr.requested-record")))
              .getText();
      assertTrue(record.contains("Nimbus toaster"), record);
    }
  }

  @Test
  void anAnswerIsCopiedRegeneratedAndItsQuestionEditedAndResent() {
    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      page.get(base.toString());
      String question = "What does the blue light on the Zephyr kettle mean?";
      ask(browser, question);

      page.findElement(By.className("copy-answer")).click();
      waitForText(browser, ".action-note", "copied");
      page.findElement(By.className("regenerate")).click();
      waitForText(browser, ".version-count", "2 / 2");
      page.findElement(By.className("previous-version")).click();
      waitForText(browser, ".version-count", "1 / 2");
      page.findElement(By.className("edit-question")).click();
      WebElement editor = page.findElement(By.className("edit-text"));
      editor.clear();
      editor.sendKeys("How long is the warranty of the Zephyr kettle?");
      page.findElement(By.className("resend")).click();
      waitForText(browser, ".version-count", "3 / 3");

      assertTrue(
          page.findElement(By.cssSelector(".message.assistant .text")).getText().contains("three"));
      assertEquals(
          "How long is the warranty of the Zephyr kettle?",
          page.findElement(By.cssSelector(".message.user .text")).getText());
      conversationItem(browser, question).findElement(By.className("title")).click();
      waitForText(browser, ".version-count", "3 / 3");
      browser.screenshot("chat-versions");
    }
  }

  @Test
  void aQuestionTheDataDoesNotAnswerSaysSo() {
    try (Browser browser = Browser.open()) {
      browser.driver().get(base.toString());

      WebElement answer = ask(browser, "Who painted the Mona Lisa?");

      assertTrue(answer.getAttribute("class").contains("no-answer"));
      assertEquals(
          Setting.NO_ANSWER_TEXT.defaultValue(),
          answer.findElement(By.className("text")).getText());
    }
  }

  private static void waitForText(Browser browser, String selector, String text) {
    browser
        .waitUpTo(WAIT)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(selector), text));
  }

  private static WebElement ask(Browser browser, String question) {
    WebDriver page = browser.driver();
    int answered = page.findElements(By.cssSelector(".message.assistant[data-exchange]")).size();
    page.findElement(By.id("message")).sendKeys(question, Keys.ENTER);
    browser
        .waitUpTo(WAIT)
        .until(
            driver ->
                driver.findElements(By.cssSelector(".message.assistant[data-exchange]")).size()
                    > answered);
    List<WebElement> answers = page.findElements(By.cssSelector(".message.assistant"));
    return answers.get(answers.size() - 1);
  }

  /** Counts the token events of every stream the page opens from now on. */
  private static void countStreamedTokens(WebDriver page) {
    script(
        page,
        "window.streamedTokens = 0; const Native = window.EventSource;"
            + " window.EventSource = function (url) { const source = new Native(url);"
            + " source.addEventListener('token', () => window.streamedTokens++); return source; };");
  }

  private static WebElement conversationItem(Browser browser, String title) {
    return browser
        .waitUpTo(WAIT)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.xpath(
                    "//ul[@id='conversation-list']/li[button[contains(@class,'title')]"
                        + "[contains(., '"
                        + title
                        + "')]]")));
  }

  /** Clicks a choice of a PrimeFaces button set and waits for the page update it sends. */
  private static void chooseButton(Browser browser, String id, String label) {
    browser
        .driver()
        .findElement(
            By.xpath(
                "//*[@id='"
                    + id
                    + "']//*[contains(@class,'ui-button')][contains(., '"
                    + label
                    + "')]"))
        .click();
    browser
        .waitUpTo(WAIT)
        .until(
            driver ->
                Boolean.TRUE.equals(
                    script(
                        driver, "return !!window.PrimeFaces && PrimeFaces.ajax.Queue.isEmpty();")));
  }

  /** The text of an element the page may be re-rendering. */
  private static String text(Browser browser, String id) {
    return browser
        .waitUpTo(WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(driver -> driver.findElement(By.id(id)).getText().strip());
  }

  private static Object script(WebDriver page, String code, Object... arguments) {
    return ((JavascriptExecutor) page).executeScript(code, arguments);
  }

  private static boolean isExchange(JsonObject line, long exchange) {
    return line.getJsonNumber("exchange_id").longValue() == exchange
        && "exported".equals(line.getString("comment", null));
  }

  private static JsonObject parse(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }
}
