package ai.fromscratch.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.lm.KneserNeyEstimator;
import org.junit.jupiter.api.Test;

class EstimationPlanTest {
  private static final long MB = 1 << 20;
  private static final long PLENTY = 1L << 40;

  @Test
  void aCorpusThatFitsTheBudgetIsEstimatedInMemory() {
    EstimationPlan plan = EstimationPlan.of(100_000, 4, false, 48 * MB, 150 * MB, PLENTY);
    assertTrue(plan.inMemory());
    assertEquals(KneserNeyEstimator.heapBytes(100_000, 4), plan.memoryBytes());
  }

  @Test
  void aLargerCorpusSpillsWithinTheBudget() {
    EstimationPlan plan = EstimationPlan.of(3_500_000, 4, false, 48 * MB, 150 * MB, PLENTY);
    assertFalse(plan.inMemory());
    assertEquals(48 * MB, plan.memoryBytes());
    assertTrue(plan.diskBytes() > 3_500_000L * 4 * 4, plan.toString());
  }

  @Test
  void lessFreeHeapThanTheBudgetShrinksTheBudget() {
    EstimationPlan plan = EstimationPlan.of(3_500_000, 4, false, 48 * MB, 20 * MB, PLENTY);
    assertEquals(20 * MB, plan.memoryBytes());
  }

  @Test
  void pruningABigCorpusFailsSayingWhatItNeeds() {
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> EstimationPlan.of(3_500_000, 4, true, 48 * MB, 150 * MB, PLENTY));
    assertTrue(
        error.getMessage().startsWith("pruning estimates in memory and needs about 281 MB"),
        error.getMessage());
    assertTrue(error.getMessage().contains("48 MB are available"), error.getMessage());
  }

  @Test
  void tooLittleFreeHeapFailsBeforeAnythingStarts() {
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> EstimationPlan.of(3_500_000, 4, false, 48 * MB, 5 * MB, PLENTY));
    assertTrue(error.getMessage().contains("5 MB are free now"), error.getMessage());
  }

  @Test
  void tooLittleDiskFailsSayingHowMuchItNeeds() {
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> EstimationPlan.of(3_500_000, 4, false, 48 * MB, 150 * MB, 10 * MB));
    assertTrue(error.getMessage().contains("MB of disk in DATA_DIR/work"), error.getMessage());
    assertTrue(error.getMessage().endsWith("10 MB are free"), error.getMessage());
  }
}
