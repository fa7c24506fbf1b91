package ai.fromscratch.platform;

import java.util.List;

/**
 * Thrown at start-up when settings have values the app cannot run with; the message names each one.
 */
public class InvalidSettingsException extends RuntimeException {
  private final List<String> problems;

  public InvalidSettingsException(List<String> problems) {
    super("Invalid configuration, the server cannot start: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
