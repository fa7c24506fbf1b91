package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCookiesTest {
  @TempDir Path dataDir;

  private AdminCookies cookies(String secret, String password) {
    Settings settings =
        Settings.from(
            name ->
                Optional.ofNullable(
                    Map.of(
                            "SESSION_SECRET",
                            secret,
                            "ADMIN_PASSWORD",
                            password,
                            "DATA_DIR",
                            dataDir.toString())
                        .get(name)));
    SigningKey key = new SigningKey();
    key.settings = settings;
    AdminCookies cookies = new AdminCookies();
    cookies.key = key;
    cookies.settings = settings;
    return cookies;
  }

  @Test
  void everyInstanceWithTheSameSecretAcceptsTheSignIn() {
    Instant expiry = Instant.ofEpochSecond(Instant.now().plusSeconds(600).getEpochSecond());
    String signed = cookies("shared secret", "a long admin password").valueExpiringAt(expiry);

    assertEquals(
        expiry,
        cookies("shared secret", "a long admin password").expiry(signed),
        "another instance, the same secret and password");
    assertNull(cookies("another secret", "a long admin password").expiry(signed), "another key");
  }

  @Test
  void changingThePasswordSignsTheAdminOut() {
    String signed =
        cookies("shared secret", "a long admin password")
            .valueExpiringAt(Instant.now().plusSeconds(600));

    assertNull(cookies("shared secret", "the new admin password").expiry(signed));
  }

  @Test
  void aCookieCannotBeMadeUpOrProlonged() {
    AdminCookies cookies = cookies("shared secret", "a long admin password");
    long expiry = Instant.now().plusSeconds(600).getEpochSecond();
    String signed = cookies.valueExpiringAt(Instant.ofEpochSecond(expiry));
    String signature = signed.substring(signed.indexOf('.') + 1);

    assertNotNull(cookies.expiry(signed));
    assertNull(cookies.expiry((expiry + 86_400) + "." + signature), "a later expiry");
    assertNull(cookies.expiry(expiry + ".forged"));
    assertNull(cookies.expiry(String.valueOf(expiry)));
    assertNull(cookies.expiry("x." + signature));
    assertNull(cookies.expiry("." + signature));
    assertNull(cookies.expiry(null));
  }
}
