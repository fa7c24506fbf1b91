package ai.fromscratch.bpe;

/** One learned merge: two adjacent tokens that become the token {@code left + right}. */
public record Merge(String left, String right) {
  public Merge {
    if (left.isEmpty() || right.isEmpty()) {
      throw new IllegalArgumentException("merge parts must not be empty");
    }
  }

  public String merged() {
    return left + right;
  }
}
