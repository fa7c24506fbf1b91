package ai.fromscratch.lm;

/** Receives generated tokens one at a time, for streaming; returns false to stop generation. */
@FunctionalInterface
public interface TokenSink {
  TokenSink IGNORE = (token, text) -> true;

  /**
   * @param token the generated word
   * @param text the text it adds to the output (with its leading space, if any); the pieces
   *     concatenate to {@link Generation#text()}
   */
  boolean accept(String token, String text);
}
