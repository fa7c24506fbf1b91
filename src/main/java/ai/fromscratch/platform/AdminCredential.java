package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The admin credential: user {@code admin} with ADMIN_PASSWORD. Compared in constant time (of
 * SHA-256 digests, so the length leaks nothing either). Without a password, outside production,
 * nothing is protected.
 */
@ApplicationScoped
public class AdminCredential {
  public static final String USER = "admin";

  @Inject Settings settings;

  /** Whether the admin pages and APIs ask for the credential (ADMIN_PASSWORD is set). */
  public boolean required() {
    return settings.isSet(Setting.ADMIN_PASSWORD);
  }

  /** Whether the caller may open the admin's pages: the admin, or anyone when none is set. */
  public boolean opensAdminPages(Caller caller) {
    return !required() || caller.admin();
  }

  public boolean accepts(String user, String password) {
    if (user == null || password == null || !required()) {
      return false;
    }
    boolean userMatches = MessageDigest.isEqual(digest(user), digest(USER));
    boolean passwordMatches =
        MessageDigest.isEqual(digest(password), digest(settings.get(Setting.ADMIN_PASSWORD)));
    return userMatches & passwordMatches;
  }

  /** Whether an {@code Authorization: Basic ...} header carries the credential. */
  public boolean acceptsBasic(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    return colon > 0 && accepts(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  private static byte[] digest(String text) {
    return Digests.sha256().digest(text.getBytes(StandardCharsets.UTF_8));
  }
}
