package ai.fromscratch.lm;

import java.io.IOException;

/** A model, or a model being imported, that would not fit the heap it may take. */
public final class ModelTooLargeException extends IOException {
  public ModelTooLargeException(String message) {
    super(message);
  }
}
