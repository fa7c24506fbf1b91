package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

/**
 * The admin's sign-in as a signed cookie rather than a server session, so that every instance that
 * shares SESSION_SECRET accepts it and a load balancer needs no affinity. It holds only its expiry;
 * the signature also covers a digest of ADMIN_PASSWORD, so changing the password signs the admin
 * out everywhere. It lasts an hour from the last request: one that finds it more than half spent
 * sends a fresh one.
 */
@ApplicationScoped
public class AdminCookies {
  static final String NAME = "fs_admin";
  static final Duration LASTS = Duration.ofHours(1);

  @Inject SigningKey key;
  @Inject Settings settings;

  /** Whether the request carries a genuine, unexpired sign-in; renews one that is half spent. */
  public boolean signedIn(HttpServletRequest request, HttpServletResponse response) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return false;
    }
    Instant now = Instant.now();
    for (Cookie cookie : cookies) {
      if (NAME.equals(cookie.getName())) {
        Instant expiry = expiry(cookie.getValue());
        if (expiry != null && expiry.isAfter(now)) {
          if (Duration.between(now, expiry).compareTo(LASTS.dividedBy(2)) < 0) {
            signIn(request, response);
          }
          return true;
        }
      }
    }
    return false;
  }

  /** Sets a fresh sign-in cookie on the response. */
  public void signIn(HttpServletRequest request, HttpServletResponse response) {
    set(request, response, valueExpiringAt(Instant.now().plus(LASTS)), LASTS.toSeconds());
  }

  /** A genuine cookie value that lasts until {@code expiry}. */
  String valueExpiringAt(Instant expiry) {
    long seconds = expiry.getEpochSecond();
    return seconds + "." + key.sign(signed(seconds));
  }

  /** Clears the sign-in cookie in this browser. */
  public void signOut(HttpServletRequest request, HttpServletResponse response) {
    set(request, response, "", 0);
  }

  /** The expiry a genuine cookie value carries; null for anything else. */
  Instant expiry(String value) {
    int dot = value == null ? -1 : value.indexOf('.');
    if (dot <= 0 || dot > 19) {
      return null;
    }
    long seconds;
    try {
      seconds = Long.parseLong(value.substring(0, dot));
    } catch (NumberFormatException e) {
      return null;
    }
    return key.verifies(signed(seconds), value.substring(dot + 1))
        ? Instant.ofEpochSecond(seconds)
        : null;
  }

  private String signed(long expiry) {
    return "admin:" + expiry + ":" + passwordDigest();
  }

  private String passwordDigest() {
    MessageDigest digest = Digests.sha256();
    digest.update(settings.get(Setting.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    return Digests.hex(digest);
  }

  private void set(
      HttpServletRequest request, HttpServletResponse response, String value, long maxAge) {
    CookieHeader.set(request, response, NAME, value, maxAge, settings.isProduction());
  }
}
