package ai.fromscratch.dataset;

import java.io.Serializable;

/** One turn of a conversation, or a whole plain text (role {@code text}). */
public record Turn(String role, String text) implements Serializable {
  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";
  public static final String SYSTEM = "system";
  public static final String TEXT = "text";
}
