package ai.fromscratch.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingTextProcessorTest {

  @Test
  void heldOutChoiceDependsOnlyOnTheRecordSoARestartSplitsAlike() {
    for (long ordinal = 1; ordinal < 1000; ordinal++) {
      assertEquals(
          TrainingTextProcessor.isHeldOut(3, ordinal, 0.1),
          TrainingTextProcessor.isHeldOut(3, ordinal, 0.1));
    }
  }

  @Test
  void aboutTheAskedFractionIsHeldOut() {
    int held = 0;
    for (long ordinal = 1; ordinal <= 100_000; ordinal++) {
      held += TrainingTextProcessor.isHeldOut(1, ordinal, 0.05) ? 1 : 0;
    }
    assertEquals(5000, held, 300);
  }

  @Test
  void nothingIsHeldOutAtZero() {
    for (long ordinal = 1; ordinal < 1000; ordinal++) {
      assertFalse(TrainingTextProcessor.isHeldOut(2, ordinal, 0));
    }
  }

  @Test
  void everyDatasetGetsItsShareEvenASmallOne() {
    for (long dataset = 1; dataset <= 200; dataset++) {
      int held = 0;
      for (long ordinal = 1; ordinal <= 300; ordinal++) {
        held += TrainingTextProcessor.isHeldOut(dataset, ordinal, 0.05) ? 1 : 0;
      }
      assertTrue(held >= 3 && held <= 30, "dataset " + dataset + " held out " + held);
    }
  }
}
