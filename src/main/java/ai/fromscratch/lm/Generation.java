package ai.fromscratch.lm;

import java.util.List;

/** Generated tokens, their readable text, and why generation stopped. */
public record Generation(List<String> tokens, String text, StopReason stopReason) {
  public Generation {
    tokens = List.copyOf(tokens);
  }
}
