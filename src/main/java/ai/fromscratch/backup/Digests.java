package ai.fromscratch.backup;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The message digests backups are checked with. */
final class Digests {
  private Digests() {}

  static MessageDigest sha256() {
    return digest("SHA-256");
  }

  static MessageDigest md5() {
    return digest("MD5");
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK lacks " + algorithm, e);
    }
  }
}
