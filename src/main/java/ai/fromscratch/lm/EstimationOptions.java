package ai.fromscratch.lm;

import java.util.List;

/**
 * How to estimate a model: the order (1 to 6), whether to use lmplz's fallback discounts when an
 * order's discounts cannot be computed, and lmplz-style pruning thresholds (one per order from
 * unigrams on, the first 0, non-decreasing, the last repeated for higher orders; empty for none).
 */
public record EstimationOptions(
    int order, boolean discountFallback, List<Integer> pruneThresholds) {
  public static final int MAX_ORDER = 6;

  public EstimationOptions {
    if (order < 1 || order > MAX_ORDER) {
      throw new IllegalArgumentException(
          "order must be between 1 and " + MAX_ORDER + ", got " + order);
    }
    pruneThresholds = List.copyOf(pruneThresholds);
    for (int i = 0; i < pruneThresholds.size(); i++) {
      int threshold = pruneThresholds.get(i);
      if (threshold < 0) {
        throw new IllegalArgumentException("pruneThresholds must not be negative: " + threshold);
      }
      if (i == 0 && threshold != 0) {
        throw new IllegalArgumentException(
            "pruneThresholds: unigrams cannot be pruned, the first threshold must be 0");
      }
      if (i > 0 && threshold < pruneThresholds.get(i - 1)) {
        throw new IllegalArgumentException(
            "pruneThresholds must be non-decreasing: " + pruneThresholds);
      }
    }
  }

  public static EstimationOptions ofOrder(int order) {
    return new EstimationOptions(order, false, List.of());
  }

  public EstimationOptions withDiscountFallback(boolean fallback) {
    return new EstimationOptions(order, fallback, pruneThresholds);
  }

  public EstimationOptions withPruneThresholds(List<Integer> thresholds) {
    return new EstimationOptions(order, discountFallback, thresholds);
  }

  /** N-grams of this order whose adjusted count is at most the result are pruned (0: none). */
  public int pruneThreshold(int ngramOrder) {
    if (pruneThresholds.isEmpty()) {
      return 0;
    }
    return pruneThresholds.get(Math.min(ngramOrder, pruneThresholds.size()) - 1);
  }
}
