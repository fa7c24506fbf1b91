package ai.fromscratch.bpe;

import java.io.IOException;

/**
 * A tokenizer.json is malformed, inconsistent, or uses a pipeline this package cannot reproduce.
 */
public final class TokenizerFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public TokenizerFormatException(String message) {
    super(message);
  }
}
