package ai.fromscratch.platform;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Lets a request to a protected page or API through only with the admin credential: a session
 * signed in on the login page, or HTTP Basic on the API. Pages without it go to the login page; the
 * API answers 401 in JSON.
 */
// Mapped in web.xml, where the order of the filters is defined: headers first, then this.
public class AdminGuardFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  /** The session attribute set by a successful sign-in. */
  public static final String SIGNED_IN = "ai.fromscratch.admin";

  @Inject AdminCredential credential;
  @Inject Settings settings;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = RequestPath.of(request);
    if (!credential.required()
        || !ProtectedPaths.isProtected(
            request.getMethod(), path, settings.getBoolean(Setting.CHAT_PRIVATE))
        || signedIn(request)
        || credential.acceptsBasic(request.getHeader("Authorization"))) {
      chain.doFilter(request, response);
      return;
    }
    if (path.startsWith("/api/")) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", "Basic realm=\"From-Scratch AI\", charset=\"UTF-8\"");
      response.setContentType("application/json");
      response
          .getWriter()
          .write("{\"error\": \"This needs the admin credential (user admin, ADMIN_PASSWORD)\"}");
      return;
    }
    String target = path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    response.sendRedirect(
        request.getContextPath()
            + "/login?next="
            + URLEncoder.encode(target, StandardCharsets.UTF_8));
  }

  private static boolean signedIn(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && Boolean.TRUE.equals(session.getAttribute(SIGNED_IN));
  }
}
