package ai.fromscratch.lm;

import java.io.IOException;

/** A model file (binary or ARPA) is not in the expected format, corrupt or truncated. */
public final class ModelFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public ModelFormatException(String message) {
    super(message);
  }
}
