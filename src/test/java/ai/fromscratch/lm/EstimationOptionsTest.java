package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EstimationOptionsTest {
  @ParameterizedTest
  @ValueSource(ints = {0, 7, -1})
  void orderOutsideOneToSixIsRejected(int order) {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> EstimationOptions.ofOrder(order));
    assertTrue(error.getMessage().contains("order must be between 1 and 6"), error.getMessage());
  }

  @Test
  void unigramThresholdMustBeZero() {
    assertThrows(
        IllegalArgumentException.class,
        () -> EstimationOptions.ofOrder(3).withPruneThresholds(List.of(1, 1)));
  }

  @Test
  void thresholdsMustNotDecrease() {
    assertThrows(
        IllegalArgumentException.class,
        () -> EstimationOptions.ofOrder(3).withPruneThresholds(List.of(0, 2, 1)));
  }

  @Test
  void lastThresholdRepeatsForHigherOrders() {
    EstimationOptions options = EstimationOptions.ofOrder(5).withPruneThresholds(List.of(0, 1));
    assertEquals(0, options.pruneThreshold(1));
    assertEquals(1, options.pruneThreshold(2));
    assertEquals(1, options.pruneThreshold(5));
    assertEquals(0, EstimationOptions.ofOrder(5).pruneThreshold(5));
  }
}
