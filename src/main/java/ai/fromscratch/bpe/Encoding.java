package ai.fromscratch.bpe;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The tokens of one text: their ids, their strings, and for each the span {@code [starts[i],
 * ends[i])} of the input text (UTF-16 indices, as {@link String#substring}) it came from.
 */
public record Encoding(int[] ids, List<String> tokens, int[] starts, int[] ends) {
  public Encoding {
    ids = ids.clone();
    tokens = List.copyOf(tokens);
    starts = starts.clone();
    ends = ends.clone();
    if (ids.length != tokens.size() || starts.length != ids.length || ends.length != ids.length) {
      throw new IllegalArgumentException("ids, tokens and offsets must have the same length");
    }
  }

  public int size() {
    return ids.length;
  }

  @Override
  public int[] ids() {
    return ids.clone();
  }

  @Override
  public int[] starts() {
    return starts.clone();
  }

  @Override
  public int[] ends() {
    return ends.clone();
  }

  // Records compare arrays by identity; an encoding is a value, so compare contents.
  @Override
  public boolean equals(Object other) {
    return other instanceof Encoding that
        && Arrays.equals(ids, that.ids)
        && tokens.equals(that.tokens)
        && Arrays.equals(starts, that.starts)
        && Arrays.equals(ends, that.ends);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(ids), tokens, Arrays.hashCode(starts), Arrays.hashCode(ends));
  }

  @Override
  public String toString() {
    return "Encoding" + tokens + Arrays.toString(ids);
  }
}
