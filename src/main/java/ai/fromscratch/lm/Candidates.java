package ai.fromscratch.lm;

import java.util.Arrays;

/**
 * One step of sampling at one level: words with their probabilities p(word | history), plus the
 * residual mass of every word not listed (chosen as "back off to a shorter context").
 */
public final class Candidates {
  private int[] words = new int[64];
  private double[] probabilities = new double[64];
  private int size;
  private double total;
  private double residual;

  public void clear() {
    size = 0;
    total = 0;
    residual = 0;
  }

  public void add(int word, double probability) {
    if (size == words.length) {
      words = Arrays.copyOf(words, size * 2);
      probabilities = Arrays.copyOf(probabilities, size * 2);
    }
    words[size] = word;
    probabilities[size++] = probability;
    total += probability;
  }

  public int size() {
    return size;
  }

  public int word(int index) {
    return words[index];
  }

  public double probability(int index) {
    return probabilities[index];
  }

  /** Sum of the listed probabilities. */
  public double total() {
    return total;
  }

  public double residual() {
    return residual;
  }

  public void setResidual(double residual) {
    this.residual = residual;
  }
}
