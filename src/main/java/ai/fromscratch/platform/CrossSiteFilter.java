package ai.fromscratch.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a request from another site that would change something with the caller's credentials
 * (cookies or an Authorization header): another site's page must not delete a visitor's
 * conversations or act for a signed-in admin. A request passes when the browser says it comes from
 * this site ({@code Sec-Fetch-Site}, else {@code Origin}), or when it carries the header the pages
 * send ({@code X-Requested-With} or {@code Faces-Request}), which another site cannot set without
 * asking the server first (and this one never agrees). A client that sends neither header is not a
 * browser ({@code curl -u}, scripts) and is not a cross-site risk.
 */
// Mapped in web.xml, right after the security headers.
public class CrossSiteFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (SAFE_METHODS.contains(request.getMethod())
        || !carriesCredentials(request)
        || comesFromThisSite(request)) {
      chain.doFilter(request, response);
      return;
    }
    FilterReplies.error(
        response,
        403,
        "A request from another site cannot change anything here: send it from this site's pages");
  }

  private static boolean carriesCredentials(HttpServletRequest request) {
    return request.getHeader("Cookie") != null || request.getHeader("Authorization") != null;
  }

  static boolean comesFromThisSite(HttpServletRequest request) {
    if (request.getHeader("X-Requested-With") != null
        || request.getHeader("Faces-Request") != null) {
      return true;
    }
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if (fetchSite != null) {
      return OWN_SITE.contains(fetchSite.toLowerCase(Locale.ROOT));
    }
    String origin = request.getHeader("Origin");
    if (origin != null) {
      return sameHost(origin, request.getHeader("Host"));
    }
    return true;
  }

  /** Whether the Origin names the host (and port) the request was sent to. */
  private static boolean sameHost(String origin, String host) {
    if (host == null) {
      return false;
    }
    try {
      String authority = URI.create(origin.strip()).getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
