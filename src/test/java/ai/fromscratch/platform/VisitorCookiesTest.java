package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisitorCookiesTest {
  @TempDir Path dataDir;

  private VisitorCookies cookies(String secret) {
    Settings settings =
        Settings.from(
            name ->
                Optional.ofNullable(
                    Map.of("SESSION_SECRET", secret, "DATA_DIR", dataDir.toString()).get(name)));
    SigningKey key = new SigningKey();
    key.settings = settings;
    VisitorCookies cookies = new VisitorCookies();
    cookies.key = key;
    cookies.settings = settings;
    return cookies;
  }

  @Test
  void onlyAnIdSignedWithTheServersKeyIsTakenAsAVisitor() {
    VisitorCookies ours = cookies("one secret for every instance");
    SigningKey key = ours.key;
    String id = "AAAAAAAAAAAAAAAAAAAAAA";
    String signed = id + "." + key.sign(id);

    assertEquals(Optional.of(id), ours.verified(signed));
    assertEquals(Optional.empty(), ours.verified("BAAAAAAAAAAAAAAAAAAAAA." + key.sign(id)));
    assertEquals(Optional.empty(), ours.verified(id + ".forged"));
    assertEquals(Optional.empty(), ours.verified(id));
    assertEquals(Optional.empty(), ours.verified("../../etc." + key.sign("../../etc")));
    assertEquals(
        Optional.empty(), cookies("another server's secret").verified(signed), "another key");
  }

  @Test
  void withoutASecretAKeyIsMadeOnceAndKeptInTheDataDirectory() {
    VisitorCookies first = cookies("");
    String signature = first.key.sign("x");

    assertEquals(signature, cookies("").key.sign("x"), "the same key after a restart");
    assertTrue(dataDir.resolve("secrets/session.key").toFile().isFile());
  }
}
