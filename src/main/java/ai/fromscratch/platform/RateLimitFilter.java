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
 * Limits what each client may ask of the public API, answering 429 with Retry-After past it:
 * answers of the model (chat, generate, perplexity) by RATE_LIMIT_CHAT_PER_MINUTE, the other public
 * calls (ratings, conversations and their search) by RATE_LIMIT_API_PER_MINUTE, uploads by
 * RATE_LIMIT_UPLOADS_PER_HOUR. The client is found by {@link ClientAddress}; the admin is not
 * limited. The counts are this server's own (each instance counts for itself).
 */
// Mapped in web.xml, after the caller filter.
public class RateLimitFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Inject Settings settings;

  private transient RateLimiter answers;
  private transient RateLimiter publicCalls;
  private transient RateLimiter uploads;

  @Override
  public void init() {
    answers = limiter(Setting.RATE_LIMIT_CHAT_PER_MINUTE, Duration.ofMinutes(1));
    publicCalls = limiter(Setting.RATE_LIMIT_API_PER_MINUTE, Duration.ofMinutes(1));
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
    RateLimiter limiter =
        Caller.of(request).admin()
            ? null
            : limiterFor(request.getMethod(), RequestPath.of(request));
    Optional<Duration> wait =
        limiter == null
            ? Optional.empty()
            : limiter.acquire(
                ClientAddress.of(request, settings.getInt(Setting.TRUSTED_PROXY_HOPS)),
                System.nanoTime());
    if (wait.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    FilterReplies.retryLater(
        response, 429, wait.get(), "Too many requests from this client: try again in {seconds} s");
  }

  private RateLimiter limiterFor(String method, String path) {
    if (path.equals("/api/chat")
        || path.equals("/api/chat/stream")
        || path.equals("/api/model/generate")
        || path.equals("/api/model/perplexity")) {
      return answers;
    }
    if (path.equals("/api/ratings") || path.startsWith("/api/conversations")) {
      return publicCalls;
    }
    return path.equals("/api/datasets") && method.equals("POST") ? uploads : null;
  }
}
