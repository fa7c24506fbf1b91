package ai.fromscratch.lm;

/** Why generation ended. */
public enum StopReason {
  /** The model produced {@code </s>}. */
  END_OF_SENTENCE,
  /** A stop token was produced. */
  STOP_TOKEN,
  /** The text reached a stop string (cut off before it). */
  STOP_STRING,
  /** The token limit was reached. */
  MAX_TOKENS,
  /** The token sink asked to stop. */
  CANCELLED
}
