package ai.fromscratch.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Who makes a request: the admin (signed in, or HTTP Basic), or an anonymous visitor known by the
 * id in their signed cookie (none before their first chat). Conversations belong to an owner: the
 * visitor's id or {@link #ADMIN}; the admin may see and change anyone's.
 */
public record Caller(boolean admin, String visitorId) {
  public static final String ADMIN = "admin";

  /** The request attribute under which the filter leaves the caller. */
  public static final String ATTRIBUTE = Caller.class.getName();

  /** A visitor who has no id yet (sees nothing, owns nothing). */
  public static final Caller NOBODY = new Caller(false, null);

  /** The caller {@link CallerFilter} left on the request; {@link #NOBODY} before it ran. */
  public static Caller of(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof Caller caller ? caller : NOBODY;
  }

  /** The owner of what this caller creates; empty for a visitor without an id. */
  public Optional<String> owner() {
    if (admin) {
      return Optional.of(ADMIN);
    }
    return Optional.ofNullable(visitorId).map(id -> "v:" + id);
  }

  /** Whether this caller may see and change what {@code owner} owns. */
  public boolean owns(String owner) {
    return admin || owner().map(mine -> mine.equals(owner)).orElse(false);
  }
}
