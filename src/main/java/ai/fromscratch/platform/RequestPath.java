package ai.fromscratch.platform;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path a request is dispatched on, inside the application: decoded, with dot segments and path
 * parameters removed, as the container matched it. The filters decide on this path, never on the
 * raw request URI, so {@code /data;x}, {@code /%64ata} or {@code /health/../admin} cannot slip past
 * a check that the servlet they reach would not.
 */
public final class RequestPath {
  private RequestPath() {}

  public static String of(HttpServletRequest request) {
    String info = request.getPathInfo();
    return request.getServletPath() + (info == null ? "" : info);
  }
}
