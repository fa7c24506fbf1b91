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
import java.util.Map;
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
            .env("ADMIN_PASSWORD", PASSWORD)
            // Each test's failed sign-ins come from addresses of its own (X-Forwarded-For),
            // so one test's throttling never slows another's.
            .env("TRUSTED_PROXY_HOPS", "1");
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
    int client = 0;
    for (String[] call : PROTECTED_APIS) {
      String what = call[0] + " " + call[1];
      Http.Reply anonymous = send(call, null);
      assertEquals(401, anonymous.status(), what);
      assertTrue(anonymous.json().getString("error").contains("admin credential"), what);
      assertTrue(
          anonymous.headers().firstValue("WWW-Authenticate").isEmpty(),
          "no browser is prompted to remember credentials: " + what);
      for (String wrong : List.of(basic("admin", "wrong"), basic("root", PASSWORD), "Basic !!x")) {
        Http.Reply refused = send(call, wrong, "198.51.100." + ++client);
        assertEquals(401, refused.status(), what);
        assertTrue(refused.headers().firstValue("WWW-Authenticate").isEmpty(), what);
      }
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
      sleep(SIGN_IN_DELAY_AFTER_ONE_FAILURE);

      signIn(page, PASSWORD);
      browser
          .waitUpTo(Duration.ofSeconds(30))
          .until(ExpectedConditions.titleIs("Analytics · From-Scratch AI"));
      Cookie signedIn = page.manage().getCookieNamed("fs_admin");
      assertTrue(signedIn.isHttpOnly(), "the sign-in cookie is HttpOnly");
      assertTrue(signedIn.isSecure(), "in production the sign-in cookie is Secure");
      assertEquals("Lax", signedIn.getSameSite());
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

  /** A failed sign-in makes the next one from the same client wait a second. */
  private static final Duration SIGN_IN_DELAY_AFTER_ONE_FAILURE = Duration.ofMillis(1100);

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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

  /** The waits grow 1 s, 2 s, 4 s...; the lockout after ten is SignInThrottleTest's. */
  @Test
  void eachFailedSignInMakesTheClientWaitLongerWithoutLoggingWhatWasTyped() throws Exception {
    String[] call = {"GET", "/api/datasets"};
    String attacker = "203.0.113.66";
    for (int failure = 0; failure < 3; failure++) {
      assertEquals(401, send(call, basic("admin", "guess-" + failure), attacker).status());
      Http.Reply throttled = send(call, basic("admin", PASSWORD), attacker);
      assertEquals(429, throttled.status(), "even the right password waits out the delay");
      long wait = Long.parseLong(throttled.headers().firstValue("Retry-After").orElse("0"));
      assertEquals(1L << failure, wait, "after failure " + (failure + 1));
      Thread.sleep(wait * 1000 + 150);
    }
    assertEquals(200, send(call, basic("admin", PASSWORD), attacker).status());
    assertEquals(401, send(call, basic("admin", "guess-3"), attacker).status(), "a fresh start");
    String log = server.log();
    assertTrue(log.contains("Failed admin sign-in from " + attacker), "failures are logged");
    assertFalse(log.contains("guess-"), "what was typed never is");
  }

  @Test
  void aCrossSiteRequestCarryingCredentialsIsRefusedAndTheSameSitesOrAScriptsPass() {
    String[] call = {"POST", "/api/backups"};
    String admin = basic("admin", PASSWORD);
    assertEquals(403, send(call, admin, null, Map.of("Origin", "https://evil.example")).status());
    assertEquals(403, send(call, admin, null, Map.of("Sec-Fetch-Site", "cross-site")).status());
    assertEquals(403, send(call, admin, null, Map.of("Sec-Fetch-Site", "same-site")).status());
    Http.Reply visitorCookie =
        send(
            new String[] {"DELETE", "/api/conversations"},
            null,
            null,
            Map.of("Cookie", "fs_visitor=x", "Origin", "https://evil.example"));
    assertEquals(403, visitorCookie.status(), visitorCookie.body());
    assertTrue(visitorCookie.json().getString("error").contains("another site"));

    String host = URI.create(server.baseUrl()).getAuthority();
    assertEquals(201, send(call, admin, null, Map.of("Origin", "http://" + host)).status());
    assertEquals(201, send(call, admin, null, Map.of("Sec-Fetch-Site", "same-origin")).status());
    assertEquals(
        201,
        send(call, admin, null, Map.of("Origin", "https://evil.example", "X-Requested-With", "x"))
            .status(),
        "the pages' header cannot come from another site without the server's consent");
    assertEquals(201, send(call, admin).status(), "curl -u sends neither header");
    assertEquals(
        415,
        Http.send(
                HttpRequest.newBuilder(URI.create(api.url("/api/model/arpa")))
                    .header("Authorization", admin)
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("\\data\\")))
            .status(),
        "an ARPA file is never taken as text/plain, which a cross-site form can send");
  }

  @Test
  void showingTheLoginPageCreatesNoSession() {
    Http.Reply login = new Http.Visitor().get(api.url("/login"));

    assertEquals(200, login.status());
    assertTrue(
        login.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("JSESSIONID")),
        login.headers().allValues("Set-Cookie").toString());
  }

  private static Http.Reply send(String[] call, String authorization) {
    return send(call, authorization, null);
  }

  private static Http.Reply send(String[] call, String authorization, String client) {
    return send(call, authorization, client, Map.of());
  }

  private static Http.Reply send(
      String[] call, String authorization, String client, Map<String, String> headers) {
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
    if (client != null) {
      request.header("X-Forwarded-For", client);
    }
    headers.forEach(request::header);
    return new Http.Visitor().send(request);
  }
}
