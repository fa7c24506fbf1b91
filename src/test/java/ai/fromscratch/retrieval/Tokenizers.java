package ai.fromscratch.retrieval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The shipped tokenizer.json, for tests. */
final class Tokenizers {
  private Tokenizers() {}

  static WordPieceTokenizer shipped(int maxTokens) {
    String resource = EmbeddingModelChoice.defaultChoice().tokenizerResource();
    try (InputStream json = Tokenizers.class.getResourceAsStream(resource)) {
      return WordPieceTokenizer.fromJson(json, maxTokens);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path shippedFile() {
    try {
      return Path.of(
          Tokenizers.class
              .getResource(EmbeddingModelChoice.defaultChoice().tokenizerResource())
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
