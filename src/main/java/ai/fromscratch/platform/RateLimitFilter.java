package ai.fromscratch.platform;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Limits each client's chats (RATE_LIMIT_CHAT_PER_MINUTE) and uploads
 * (RATE_LIMIT_UPLOADS_PER_HOUR), answering 429 with Retry-After past them. The client is the
 * address the nearest proxy saw (the last X-Forwarded-For entry, which Render's proxy appends),
 * else the connection's address.
 */
// Mapped in web.xml, after the security headers.
public class RateLimitFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Inject Settings settings;

  private transient RateLimiter chats;
  private transient RateLimiter uploads;

  @Override
  public void init() {
    chats = limiter(Setting.RATE_LIMIT_CHAT_PER_MINUTE, Duration.ofMinutes(1));
    uploads = limiter(Setting.RATE_LIMIT_UPLOADS_PER_HOUR, Duration.ofHours(1));
  }

  private RateLimiter limiter(Setting setting, Duration window) {
    int limit = settings.getInt(setting);
    return limit == 0 ? null : new RateLimiter(limit, window);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = RequestPath.of(request);
    RateLimiter limiter = limiterFor(request.getMethod(), path);
    Optional<Duration> wait =
        limiter == null ? Optional.empty() : limiter.acquire(client(request), System.nanoTime());
    if (wait.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
    response.setStatus(429);
    response.setHeader("Retry-After", String.valueOf(seconds));
    response.setContentType("application/json");
    response
        .getWriter()
        .write(
            "{\"error\": \"Too many requests from this client: try again in " + seconds + " s\"}");
  }

  private RateLimiter limiterFor(String method, String path) {
    if (path.equals("/api/chat") || path.equals("/api/chat/stream")) {
      return chats;
    }
    return path.equals("/api/datasets") && method.equals("POST") ? uploads : null;
  }

  private static String client(HttpServletRequest request) {
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded != null && !forwarded.isBlank()) {
      String[] hops = forwarded.split(",");
      return hops[hops.length - 1].trim();
    }
    return request.getRemoteAddr();
  }
}
