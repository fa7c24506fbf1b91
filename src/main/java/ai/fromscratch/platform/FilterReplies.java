package ai.fromscratch.platform;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/** The JSON refusals the filters answer with, in the API's error form. */
final class FilterReplies {
  private FilterReplies() {}

  static void error(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(Json.createObjectBuilder().add("error", message).build().toString());
  }

  /** A 429 or 503 with Retry-After in whole seconds, at least one. */
  static void retryLater(HttpServletResponse response, int status, Duration wait, String message)
      throws IOException {
    long seconds = seconds(wait);
    response.setHeader("Retry-After", String.valueOf(seconds));
    error(response, status, message.replace("{seconds}", String.valueOf(seconds)));
  }

  static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}
