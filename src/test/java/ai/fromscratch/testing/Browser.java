package ai.fromscratch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the page tests. Where Chromium is not installed the tests are skipped with
 * the packages to install; CI installs them (.ci/run), so there they always run.
 */
public final class Browser implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private static final String DOWNLOADS = "downloads";

  private final WebDriver driver;
  private final Path profile;

  private Browser(WebDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** The first element {@code locator} finds, once there is one (at most 20 s). */
  public WebElement present(By locator) {
    return waitUpTo(Duration.ofSeconds(20))
        .until(ExpectedConditions.presenceOfElementLocated(locator));
  }

  /** The row of the Data page's datasets table that shows the dataset {@code name}. */
  public WebElement datasetRow(String name) {
    return present(
        By.xpath(
            "//tbody[@id='dataForm:datasets_data']/tr[.//span[@class='dataset-name' and text()='"
                + name
                + "']]"));
  }

  /**
   * Uploads {@code file} through the Data page at {@code base} and waits for the upload's report to
   * say {@code report}.
   */
  public void uploadOnDataPage(String base, Path file, String report) {
    driver.get(base + "data");
    driver.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
    waitUpTo(Duration.ofSeconds(60))
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("upload-report"), report));
  }

  /** Opens a fresh headless browser, or skips the calling test when Chromium is missing. */
  public static Browser open() {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Browser tests need Chromium: apt-get install -y chromium chromium-driver");
    try {
      Path profile = Files.createTempDirectory("chromium-profile");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.setExperimentalOption(
          "prefs",
          Map.of(
              "download.default_directory",
              profile.resolve(DOWNLOADS).toString(),
              "download.prompt_for_download",
              false));
      // Without the background-networking flags Chromium keeps dialling Google from this closed
      // network.
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--window-size=1280,900",
          "--user-data-dir=" + profile);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      WebDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
      return new Browser(driver, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public WebDriverWait waitUpTo(Duration timeout) {
    return new WebDriverWait(driver, timeout);
  }

  /**
   * Waits for a download to finish and returns its file, the first whose name holds {@code part}.
   */
  public Path downloaded(String part, Duration timeout) {
    Path folder = profile.resolve(DOWNLOADS);
    return waitUpTo(timeout)
        .until(
            driver -> {
              try (var files = Files.list(folder)) {
                return files
                    .filter(file -> file.getFileName().toString().contains(part))
                    .filter(file -> !file.getFileName().toString().endsWith(".crdownload"))
                    .findFirst()
                    .orElse(null);
              } catch (IOException e) {
                return null;
              }
            });
  }

  /** Saves a PNG of the current page as {@code target/screenshots/<name>.png}. */
  public Path screenshot(String name) {
    try {
      Path dir =
          Files.createDirectories(
              Path.of(System.getProperty("it.screenshots", "target/screenshots")));
      Path file = dir.resolve(name + ".png");
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
