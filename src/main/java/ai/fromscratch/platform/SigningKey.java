package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that signs what the app hands to browsers (the visitor's id): SESSION_SECRET when it is
 * set, as every instance behind one address needs; otherwise a random key made once and kept in
 * {@code DATA_DIR/secrets}, so visitors keep their conversations across restarts.
 */
@ApplicationScoped
public class SigningKey {
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  @Inject Settings settings;

  private volatile SecretKeySpec key;

  /** The signature of {@code text}, in URL-safe Base64. */
  public String sign(String text) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key());
      return BASE64.encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  /** Whether {@code signature} is this key's signature of {@code text} (in constant time). */
  public boolean verifies(String text, String signature) {
    return MessageDigest.isEqual(
        sign(text).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  private SecretKeySpec key() {
    SecretKeySpec current = key;
    if (current == null) {
      synchronized (this) {
        if (key == null) {
          key = new SecretKeySpec(material(), ALGORITHM);
        }
        current = key;
      }
    }
    return current;
  }

  private byte[] material() {
    if (settings.isSet(Setting.SESSION_SECRET)) {
      return settings.get(Setting.SESSION_SECRET).getBytes(StandardCharsets.UTF_8);
    }
    Path file = settings.dataDir().resolve("secrets").resolve("session.key");
    try {
      if (!Files.isRegularFile(file)) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Files.createDirectories(file.getParent());
        DurableFiles.writeString(file, Base64.getEncoder().encodeToString(random));
      }
      return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException(
          "Cannot read or make the signing key " + file, new IOException(e.getMessage(), e));
    }
  }
}
