package ai.fromscratch.retrieval;

import java.util.List;

/** An embedding model name the app does not ship; the message lists the supported names. */
public final class UnsupportedEmbeddingModelException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> supportedNames;

  public UnsupportedEmbeddingModelException(String name, List<String> supportedNames) {
    super(
        "Unknown embedding model '"
            + name
            + "' (EMBED_MODEL_NAME). Supported: "
            + String.join(", ", supportedNames));
    this.supportedNames = List.copyOf(supportedNames);
  }

  public List<String> supportedNames() {
    return supportedNames;
  }
}
