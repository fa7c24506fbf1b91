package ai.fromscratch.platform;

import java.time.Duration;

/** An error a service reports to its caller, with the HTTP status it stands for. */
public class ApiException extends RuntimeException {
  private final int status;
  private final transient Object detail;
  private final Long retryAfterSeconds;

  public ApiException(int status, String message) {
    this(status, message, null);
  }

  public ApiException(int status, String message, Object detail) {
    this(status, message, detail, null);
  }

  private ApiException(int status, String message, Object detail, Long retryAfterSeconds) {
    super(message);
    this.status = status;
    this.detail = detail;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** A refusal for now (429, 503) that says, in Retry-After, when to try again. */
  public static ApiException retryLater(int status, Duration wait, String message) {
    return new ApiException(status, message, null, FilterReplies.seconds(wait));
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, message);
  }

  public int status() {
    return status;
  }

  public Object detail() {
    return detail;
  }

  /** Seconds until a retry may succeed, for the Retry-After header; null when none applies. */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
