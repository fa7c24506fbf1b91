package ai.fromscratch.platform;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Lets a request to a protected page or API through only from the admin (see {@link CallerFilter}).
 * Pages without it go to the login page; the API answers 401 in JSON, without {@code
 * WWW-Authenticate}: {@code curl -u} sends its credentials unasked, and a browser is never
 * prompted.
 */
// Mapped in web.xml, where the order of the filters is defined: after the caller filter.
public class AdminGuardFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Inject AdminCredential credential;
  @Inject Settings settings;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = RequestPath.of(request);
    if (credential.opensAdminPages(Caller.of(request))
        || !ProtectedPaths.isProtected(
            request.getMethod(), path, settings.getBoolean(Setting.CHAT_PRIVATE))) {
      chain.doFilter(request, response);
      return;
    }
    if (path.startsWith("/api/")) {
      FilterReplies.error(
          response, 401, "This needs the admin credential (user admin, ADMIN_PASSWORD)");
      return;
    }
    String target = path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    response.sendRedirect(
        request.getContextPath()
            + "/login?next="
            + URLEncoder.encode(target, StandardCharsets.UTF_8));
  }
}
