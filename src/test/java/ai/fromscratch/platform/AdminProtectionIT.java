package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.Browser;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.TestDirs;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The admin credential on a real production server (APP_ENV=production, ADMIN_PASSWORD set): each
 * protected page and API refuses without it and works with it, however its path is spelled; chat
 * stays public; the login page signs in and out; production refuses to start without a password.
 */
class AdminProtectionIT {
  private static final String PASSWORD = "correct horse battery staple";
  private static final List<String[]> PROTECTED_APIS =
      List.of(
          new String[] {"GET", "/api/datasets"},
          new String[] {"POST", "/api/datasets"},
          new String[] {"DELETE", "/api/datasets/1"},
          new String[] {"POST", "/api/train/start"},
          new String[] {"GET", "/api/train/jobs"},
          new String[] {"GET", "/api/tokenizer"},
          new String[] {"GET", "/api/rag/search?q=kettle"},
          new String[] {"GET", "/api/model/arpa"},
          new String[] {"GET", "/api/ratings"},
          new String[] {"GET", "/api/analytics"},
          new String[] {"GET", "/api/admin/config"},
          new String[] {"GET", "/api/admin/exports/conversations?format=jsonl"},
          new String[] {"GET", "/api/admin/exports/datasets"},
          new String[] {"GET", "/api/backups"},
          new String[] {"POST", "/api/backups"},
          new String[] {"POST", "/api/synth"});

  private static LibertyServer server;
  private static Api api;

  @BeforeAll
  static void protectedServer() {
    server =
        LibertyServer.create("fs-secure", TestDirs.fresh("secure"))
            .env("APP_ENV", "production")
            .env("ADMIN_PASSWORD", PASSWORD);
    server.start();
    api = new Api(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void protectedApisAnswer401WithoutTheCredentialAndWorkWithIt() {
    for (String[] call : PROTECTED_APIS) {
      String what = call[0] + " " + call[1];
      Http.Reply anonymous = send(call, null);
      assertEquals(401, anonymous.status(), what);
      assertTrue(anonymous.json().getString("error").contains("admin credential"), what);
      assertTrue(
          anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), what);
      assertEquals(401, send(call, basic("admin", "wrong")).status(), what);
      assertEquals(401, send(call, basic("root", PASSWORD)).status(), what);
      assertEquals(401, send(call, "Basic !!not-base64!!").status(), what);
      assertNotEquals(401, send(call, basic("admin", PASSWORD)).status(), what);
    }
    assertEquals(
        200, send(new String[] {"GET", "/api/backups"}, basic("admin", PASSWORD)).status());
  }

  @Test
  void chatKeepaliveAndHealthStayPublic() {
    assertEquals(200, Http.get(api.url("/api/keepalive")).status());
    assertEquals(200, Http.get(api.url("/health")).status());
    assertEquals(200, Http.get(api.url("/")).status());
    assertEquals(200, Http.get(api.url("/api/conversations")).status());
    assertEquals(409, Http.postJson(api.url("/api/chat"), "{\"message\": \"hi\"}").status());
    assertEquals(409, api.generate("{\"prompt\": \"hi\"}").status());
    assertEquals(200, Http.get(api.url("/keepalive")).status());
  }

  @Test
  void protectedPagesSendToTheLoginPage() {
    for (String page : List.of("/data", "/admin", "/analytics", "/admin.xhtml")) {
      Http.Reply reply = Http.get(api.url(page));
      assertEquals(302, reply.status(), page);
      assertTrue(
          reply.headers().firstValue("Location").orElse("").contains("/login?next=%2F"), page);
    }
  }

  @Test
  void encodedDottedOrParameterisedPathsDoNotSlipPastTheGuard() {
    List<String> disguised =
        List.of(
            "/data;x",
            "/%64ata",
            "/admin.xhtml;x",
            "/analytics;jsessionid=1",
            "/health/../admin",
            "/resources/../admin.xhtml",
            "/jakarta.faces.resource/../admin.xhtml",
            "/keepalive/../data",
            "/login/../admin",
            "/api/datasets;x",
            "/api/%64atasets",
            "/api//datasets",
            "/api/chat/../datasets",
            "/api/keepalive/../admin/config",
            "/api/./backups",
            "/api/conversations/../../api/admin/config");
    for (String path : disguised) {
      Http.Reply reply = Http.raw(server.baseUrl(), "GET", path);
      // Liberty hands /health/... to the health application whatever follows: its report is fine.
      boolean healthReport =
          path.startsWith("/health/")
              && reply.body().contains("\"status\"")
              && !reply.body().contains("From-Scratch AI");
      assertTrue(
          Set.of(302, 400, 401, 404).contains(reply.status()) || healthReport,
          path
              + " must be refused or not found, and answered "
              + reply.status()
              + ": "
              + reply.body());
    }
    assertEquals(
        302, Http.raw(server.baseUrl(), "GET", "/data").status(), "the plain path, refused");
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    for (String path : List.of("/", "/api/keepalive", "/login", "/api/datasets")) {
      Http.Reply reply = Http.get(api.url(path));
      assertEquals(
          "nosniff", reply.headers().firstValue("X-Content-Type-Options").orElse(""), path);
      assertEquals("DENY", reply.headers().firstValue("X-Frame-Options").orElse(""), path);
      assertTrue(
          reply
              .headers()
              .firstValue("Content-Security-Policy")
              .orElse("")
              .contains("frame-ancestors 'none'"),
          path);
    }
  }

  @Test
  void theLoginPageSignsInReturnsToThePageAskedForAndSignsOut() {
    try (Browser browser = Browser.open()) {
      WebDriver page = browser.driver();
      page.get(api.url("/analytics"));
      assertTrue(page.getCurrentUrl().contains("/login"), page.getCurrentUrl());
      signIn(page, "not it");
      browser
          .waitUpTo(Duration.ofSeconds(20))
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("loginForm:login-messages"), "Wrong user or password"));
      browser.screenshot("login-refused");

      signIn(page, PASSWORD);
      browser
          .waitUpTo(Duration.ofSeconds(30))
          .until(ExpectedConditions.titleIs("Analytics · From-Scratch AI"));
      Cookie session = page.manage().getCookieNamed("JSESSIONID");
      assertTrue(session.isHttpOnly(), "the session cookie is HttpOnly");
      assertTrue(session.isSecure(), "in production the session cookie is Secure");
      assertEquals("Lax", session.getSameSite());
      page.get(api.url("/admin"));
      browser
          .waitUpTo(Duration.ofSeconds(30))
          .until(ExpectedConditions.titleIs("Admin · From-Scratch AI"));
      String configuration = page.findElement(By.id("adminForm:configuration")).getText();
      assertFalse(configuration.contains(PASSWORD), "the password is never shown");
      browser.screenshot("admin-signed-in");

      page.findElement(By.id("signOutForm:signOut")).click();
      browser
          .waitUpTo(Duration.ofSeconds(20))
          .until(ExpectedConditions.titleIs("Chat · From-Scratch AI"));
      page.get(api.url("/admin"));
      assertTrue(page.getCurrentUrl().contains("/login"), "signed out: " + page.getCurrentUrl());

      page.get(api.url("/login?next=//evil.example/x"));
      signIn(page, PASSWORD);
      browser
          .waitUpTo(Duration.ofSeconds(30))
          .until(ExpectedConditions.titleIs("Admin · From-Scratch AI"));
      assertTrue(page.getCurrentUrl().startsWith(server.baseUrl()), "no redirect elsewhere");
    }
    assertFalse(server.log().contains(PASSWORD), "the password is never logged");
  }

  @Test
  void productionRefusesToStartWithoutAnAdminPassword() {
    try (LibertyServer production =
        LibertyServer.create("fs-prod-open", TestDirs.fresh("prod-open"))
            .env("APP_ENV", "production")) {
      production.startExpectingFailure();
      assertTrue(production.log().contains("ADMIN_PASSWORD must be set"), "the log says why");
    }
  }

  private static void signIn(WebDriver page, String password) {
    page.findElement(By.id("loginForm:password")).clear();
    page.findElement(By.id("loginForm:password")).sendKeys(password);
    page.findElement(By.id("loginForm:signIn")).click();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static Http.Reply send(String[] call, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.url(call[1])))
            .method(
                call[0],
                call[0].equals("GET") || call[0].equals("DELETE")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"))
            .header("Content-Type", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return Http.send(request);
  }
}
