package ai.fromscratch.lm;

/**
 * Modified Kneser-Ney discounts of one order: D1, D2 and D3+ for n-grams whose adjusted count is 1,
 * 2, and 3 or more, computed from counts-of-counts as lmplz does.
 */
public record Discounts(int order, double d1, double d2, double d3Plus) {
  /** lmplz's {@code --discount_fallback} defaults. */
  private static final double[] FALLBACK = {0.5, 1.0, 1.5};

  /**
   * Computes the discounts from {@code countsOfCounts[j]} = the number of n-grams of this order
   * with adjusted count j, for j = 1..4 (index 0 is ignored).
   *
   * @throws DiscountException when a count-of-counts is zero or a discount falls outside [0, j]
   */
  public static Discounts fromCountsOfCounts(int order, long[] countsOfCounts) {
    for (int j = 1; j <= 4; j++) {
      if (countsOfCounts[j] == 0) {
        throw new DiscountException(
            "Could not calculate Kneser-Ney discounts for "
                + order
                + "-grams with adjusted count "
                + (j + 1)
                + " because we didn't observe any "
                + order
                + "-grams with adjusted count "
                + j
                + "; is this small or artificial data? The discount fallback (0.5, 1, 1.5) avoids"
                + " this error.");
      }
    }
    double y = countsOfCounts[1] / (countsOfCounts[1] + 2.0 * countsOfCounts[2]);
    double[] d = new double[4];
    for (int j = 1; j <= 3; j++) {
      d[j] = j - (j + 1) * y * countsOfCounts[j + 1] / countsOfCounts[j];
      if (d[j] < 0 || d[j] > j) {
        throw new DiscountException(
            order
                + "-gram discount out of range for adjusted count "
                + j
                + ": "
                + d[j]
                + "; modified Kneser-Ney finds something odd about this data. The discount"
                + " fallback (0.5, 1, 1.5) avoids this error.");
      }
    }
    return new Discounts(order, d[1], d[2], d[3]);
  }

  /**
   * The discounts from counts-of-counts, or lmplz's fallback when they cannot be computed and
   * {@code fallback} allows it.
   */
  public static Discounts of(int order, long[] countsOfCounts, boolean fallback) {
    try {
      return fromCountsOfCounts(order, countsOfCounts);
    } catch (DiscountException e) {
      if (fallback) {
        return fallback(order);
      }
      throw e;
    }
  }

  /** {@code result[j]}: how many of {@code adjustedCounts} are j, for j = 1..4. */
  static long[] countsOfCounts(int[] adjustedCounts) {
    long[] countsOfCounts = new long[5];
    for (int count : adjustedCounts) {
      countOf(countsOfCounts, count);
    }
    return countsOfCounts;
  }

  /** Counts one adjusted count into counts-of-counts. */
  static void countOf(long[] countsOfCounts, int count) {
    if (count >= 1 && count <= 4) {
      countsOfCounts[count]++;
    }
  }

  /** lmplz's fallback discounts 0.5, 1.0, 1.5. */
  public static Discounts fallback(int order) {
    return new Discounts(order, FALLBACK[0], FALLBACK[1], FALLBACK[2]);
  }

  /** The discount for an n-gram with this adjusted count (0 for a count of 0). */
  public double forCount(long adjustedCount) {
    if (adjustedCount <= 0) {
      return 0;
    }
    if (adjustedCount == 1) {
      return d1;
    }
    return adjustedCount == 2 ? d2 : d3Plus;
  }
}
