package ai.fromscratch.platform;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Finds out who is calling and leaves the {@link Caller} on the request: the admin (the signed
 * cookie of {@link AdminCookies} from the login page, or HTTP Basic, throttled by {@link
 * AdminSignIn}), or a visitor by their cookie. A visitor without one gets one where they start
 * chatting: on the chat page and on the chat API. Wrong Basic credentials get a 401 without {@code
 * WWW-Authenticate}, so a browser never offers to remember them (and attach them to other sites'
 * requests).
 */
// Mapped in web.xml, before the admin guard, which decides on the caller found here.
public class CallerFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  private static final Set<String> CHAT_STARTS =
      Set.of("/", "/index.xhtml", "/api/chat", "/api/chat/stream");

  @Inject AdminCredential credential;
  @Inject AdminSignIn signIn;
  @Inject VisitorCookies visitors;
  @Inject AdminCookies admins;
  @Inject Settings settings;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    boolean admin = credential.required() && admins.signedIn(request, response);
    String authorization = request.getHeader("Authorization");
    if (!admin && credential.required() && isBasic(authorization)) {
      AdminSignIn.Attempt attempt =
          signIn.withBasic(
              ClientAddress.of(request, settings.getInt(Setting.TRUSTED_PROXY_HOPS)),
              authorization);
      if (attempt.throttled()) {
        FilterReplies.retryLater(
            response,
            429,
            attempt.retryAfter(),
            "Too many failed sign-ins from this client: try again in {seconds} s");
        return;
      }
      if (!attempt.accepted()) {
        FilterReplies.error(response, 401, "Wrong admin credentials (user admin, ADMIN_PASSWORD)");
        return;
      }
      admin = true;
    }
    String visitor = visitors.visitorId(request).orElse(null);
    if (!admin && visitor == null && CHAT_STARTS.contains(RequestPath.of(request))) {
      visitor = visitors.mint(request, response);
    }
    request.setAttribute(Caller.ATTRIBUTE, new Caller(admin, visitor));
    chain.doFilter(request, response);
  }

  private static boolean isBasic(String authorization) {
    return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
  }
}
