package ai.fromscratch.synth;

import java.time.Duration;

/** A call to Groq that did not give a completion, with what kind of failure it was. */
public class GroqException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, which decides whether to wait, retry or give up. */
  public enum Kind {
    /** 401 or 403: the key is wrong; retrying cannot help. */
    UNAUTHORIZED,
    /** 429: wait for Retry-After, then go on. */
    RATE_LIMITED,
    /** 5xx, a timeout, or no connection: worth a few retries. */
    TRANSIENT,
    /** Another refusal, or an answer that is not a completion. */
    REJECTED
  }

  private final Kind kind;
  private final transient Duration retryAfter;

  GroqException(Kind kind, String message, Duration retryAfter) {
    super(message);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  GroqException(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** How long Groq asked us to wait (429), or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
