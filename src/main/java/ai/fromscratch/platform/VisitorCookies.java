package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The anonymous visitor's id: 128 random bits, in a cookie signed with the {@link SigningKey}
 * (HttpOnly, SameSite=Lax, Secure in production, kept a year). The signature means an id cannot be
 * made up, only received; without the cookie a visitor owns nothing.
 */
@ApplicationScoped
public class VisitorCookies {
  static final String NAME = "fs_visitor";
  private static final Duration KEPT = Duration.ofDays(365);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject SigningKey key;
  @Inject Settings settings;

  /** The visitor id the request's cookie carries, if it carries a genuine one. */
  public Optional<String> visitorId(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (NAME.equals(cookie.getName())) {
        Optional<String> id = verified(cookie.getValue());
        if (id.isPresent()) {
          return id;
        }
      }
    }
    return Optional.empty();
  }

  /** A new visitor id, set as the response's cookie. */
  public String mint(HttpServletRequest request, HttpServletResponse response) {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    CookieHeader.set(
        request,
        response,
        NAME,
        id + "." + key.sign(id),
        KEPT.toSeconds(),
        settings.isProduction());
    return id;
  }

  Optional<String> verified(String value) {
    int dot = value == null ? -1 : value.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String id = value.substring(0, dot);
    return ID.matcher(id).matches() && key.verifies(id, value.substring(dot + 1))
        ? Optional.of(id)
        : Optional.empty();
  }
}
