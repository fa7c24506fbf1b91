package ai.fromscratch.json;

/** Text that is not JSON, with the line and column where it stops being so. */
public class JsonSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JsonSyntaxException(String message) {
    super(message);
  }
}
