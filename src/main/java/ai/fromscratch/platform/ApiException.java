package ai.fromscratch.platform;

/** An error a service reports to its caller, with the HTTP status it stands for. */
public class ApiException extends RuntimeException {
  private final int status;
  private final transient Object detail;

  public ApiException(int status, String message) {
    this(status, message, null);
  }

  public ApiException(int status, String message, Object detail) {
    super(message);
    this.status = status;
    this.detail = detail;
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
}
