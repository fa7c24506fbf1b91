package ai.fromscratch.tokenizer;

import ai.fromscratch.bpe.BpeTokenizer;
import ai.fromscratch.bpe.Encoding;
import ai.fromscratch.bpe.TokenizerJsonReader;
import ai.fromscratch.bpe.TokenizerJsonWriter;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.DataDirectory;
import ai.fromscratch.platform.RestoreParticipant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The trained byte-pair-encoding tokenizer, kept as {@code DATA_DIR/tokenizer/tokenizer.json}
 * (Hugging Face's format) and loaded once; a new one replaces it in one step.
 */
@ApplicationScoped
public class TokenizerService implements RestoreParticipant {
  public static final int MAX_ENCODED_CHARS = 100_000;

  @Inject DataDirectory dataDirectory;

  private final AtomicReference<BpeTokenizer> loaded = new AtomicReference<>();

  public Path file() {
    return dataDirectory.tokenizer().resolve("tokenizer.json");
  }

  /** Writes a new tokenizer (atomically) and makes it the current one. */
  public void replace(BpeTokenizer tokenizer) throws IOException {
    TokenizerJsonWriter.write(tokenizer, file());
    loaded.set(tokenizer);
  }

  /** Drops the loaded tokenizer, so that the next use reads the file again (after a release). */
  public void forget() {
    loaded.set(null);
  }

  /** The restored tokenizer is read at its next use. */
  @Override
  public void afterRestore() {
    forget();
  }

  @Override
  public int order() {
    return 1;
  }

  public Encoding encode(String text) {
    return current().encode(text);
  }

  /** The tokenizer, loaded from its file on first use; 409 when none was trained. */
  public BpeTokenizer current() {
    BpeTokenizer tokenizer = loaded.get();
    if (tokenizer != null) {
      return tokenizer;
    }
    Path file = file();
    if (!Files.exists(file)) {
      throw ApiException.conflict(
          "No tokenizer is trained yet: start a bpe job (POST /api/train/start with kind bpe)");
    }
    try {
      tokenizer = TokenizerJsonReader.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("The stored tokenizer cannot be read", e);
    }
    loaded.compareAndSet(null, tokenizer);
    return loaded.get();
  }
}
