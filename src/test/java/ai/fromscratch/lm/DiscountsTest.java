package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DiscountsTest {
  @Test
  void followsTheModifiedKneserNeyFormula() {
    Discounts d = Discounts.fromCountsOfCounts(2, new long[] {0, 100, 40, 20, 10});
    double y = 100 / (100 + 2.0 * 40);
    assertEquals(1 - 2 * y * 40 / 100, d.d1(), 1e-12);
    assertEquals(2 - 3 * y * 20 / 40, d.d2(), 1e-12);
    assertEquals(3 - 4 * y * 10 / 20, d.d3Plus(), 1e-12);
  }

  @Test
  void picksTheDiscountByAdjustedCount() {
    Discounts d = new Discounts(1, 0.5, 1.0, 1.5);
    assertEquals(0, d.forCount(0));
    assertEquals(0.5, d.forCount(1));
    assertEquals(1.0, d.forCount(2));
    assertEquals(1.5, d.forCount(3));
    assertEquals(1.5, d.forCount(40));
  }

  @Test
  void zeroCountOfCountsIsLmplzError() {
    DiscountException error =
        assertThrows(
            DiscountException.class,
            () -> Discounts.fromCountsOfCounts(3, new long[] {0, 5, 2, 0, 1}));
    assertTrue(
        error
            .getMessage()
            .startsWith(
                "Could not calculate Kneser-Ney discounts for 3-grams with adjusted count 4 because"
                    + " we didn't observe any 3-grams with adjusted count 3"),
        error.getMessage());
  }

  @Test
  void discountOutsideItsRangeIsAnError() {
    DiscountException error =
        assertThrows(
            DiscountException.class,
            () -> Discounts.fromCountsOfCounts(2, new long[] {0, 10, 1, 100, 1}));
    assertTrue(error.getMessage().contains("out of range"), error.getMessage());
  }

  @Test
  void fallbackIsLmplzDefault() {
    assertEquals(new Discounts(4, 0.5, 1.0, 1.5), Discounts.fallback(4));
  }
}
