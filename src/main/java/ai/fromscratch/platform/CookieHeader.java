package ai.fromscratch.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sets the app's own cookies: for the whole app's path, HttpOnly, SameSite=Lax, and Secure in
 * production. Written as a header because the Servlet API's {@code Cookie} has no SameSite.
 */
final class CookieHeader {
  private CookieHeader() {}

  /** Sets {@code name=value} for {@code maxAgeSeconds} (0 clears it in the browser). */
  static void set(
      HttpServletRequest request,
      HttpServletResponse response,
      String name,
      String value,
      long maxAgeSeconds,
      boolean secure) {
    String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
    response.addHeader(
        "Set-Cookie",
        name
            + "="
            + value
            + "; Path="
            + path
            + "; Max-Age="
            + maxAgeSeconds
            + "; HttpOnly; SameSite=Lax"
            + (secure ? "; Secure" : ""));
  }
}
