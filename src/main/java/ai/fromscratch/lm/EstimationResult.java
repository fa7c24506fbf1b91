package ai.fromscratch.lm;

import java.util.List;

/** An estimated model with the discounts used per order and the size of the training text. */
public record EstimationResult(
    NgramModel model, List<Discounts> discounts, long sentences, long tokens) {
  public EstimationResult {
    discounts = List.copyOf(discounts);
  }
}
