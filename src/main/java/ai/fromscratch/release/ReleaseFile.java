package ai.fromscratch.release;

/**
 * One file of a release: where it goes under DATA_DIR ({@code models/ngram-4.lm}, {@code
 * index/_0.cfs}), its SHA-256 (which also names its blob), and its size.
 */
public record ReleaseFile(String path, String sha256, long size) {
  public ReleaseFile {
    if (!path.matches("(models|tokenizer|index)/[A-Za-z0-9._-]+") || path.contains("..")) {
      throw new IllegalArgumentException("Not a release file path: " + path);
    }
    if (!sha256.matches("[0-9a-f]{64}") || size < 0) {
      throw new IllegalArgumentException("Not a SHA-256 and size: " + sha256 + " " + size);
    }
  }

  /** The folder it goes in: {@code models}, {@code tokenizer} or {@code index}. */
  public String folder() {
    return path.substring(0, path.indexOf('/'));
  }

  public String name() {
    return path.substring(path.indexOf('/') + 1);
  }
}
