package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Estimation within a memory budget gives the in-memory estimator's model, bit for bit. */
class SpillingEstimatorTest {
  @TempDir Path work;

  @ParameterizedTest(name = "order {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void aSmallBudgetSpillsManyRunsAndExportsTheSameArpaAsTheInMemoryPath(int order)
      throws IOException {
    EstimationOptions options = EstimationOptions.ofOrder(order).withDiscountFallback(true);
    EstimationResult inMemory =
        new KneserNeyEstimator(options)
            .estimatePretokenized(ReferenceData.train(), ProgressListener.NONE);
    SpillingEstimator spilling =
        new SpillingEstimator(options, ReferenceData.SMALL_BUDGET, work.resolve("spill"));
    EstimationResult spilled =
        spilling.estimatePretokenized(ReferenceData.train(), ProgressListener.NONE);

    assertEquals(arpa(inMemory.model()), arpa(spilled.model()));
    assertEquals(inMemory.discounts(), spilled.discounts());
    assertEquals(inMemory.sentences(), spilled.sentences());
    assertEquals(inMemory.tokens(), spilled.tokens());
    if (order > 1) {
      assertTrue(spilling.spilledRuns() >= 8, spilling.spilledRuns() + " runs");
      assertTrue(spilled.model().isMapped());
      assertTrue(spilled.model().heapBytes() < inMemory.model().heapBytes());
    }
  }

  @Test
  void aBudgetThatHoldsEverythingSpillsNothing() throws IOException {
    SpillingEstimator spilling =
        new SpillingEstimator(EstimationOptions.ofOrder(3), 256L << 20, work.resolve("spill"));
    EstimationResult spilled =
        spilling.estimatePretokenized(ReferenceData.train(), ProgressListener.NONE);
    assertEquals(0, spilling.spilledRuns());
    assertEquals(arpa(ReferenceData.estimated(3).model()), arpa(spilled.model()));
  }

  @Test
  void theSpilledModelSavesAndLoadsAsTheSameModelAndLeavesNoWorkFiles() throws IOException {
    Path spill = work.resolve("spill");
    EstimationResult spilled =
        new SpillingEstimator(EstimationOptions.ofOrder(4), ReferenceData.SMALL_BUDGET, spill)
            .estimatePretokenized(ReferenceData.train(), ProgressListener.NONE);
    Path file = work.resolve("model.lm");
    ModelFile.save(file, spilled.model(), Map.of("source", "spilled"));
    StoredModel loaded = ModelFile.load(file);
    assertEquals(arpa(ReferenceData.estimated(4).model()), arpa(loaded.model()));
    assertEquals("spilled", loaded.metadata().get("source"));
    try (Stream<Path> left = Files.list(spill)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void aBudgetTheVocabularyAloneFillsIsAClearError() {
    SpillingEstimator spilling =
        new SpillingEstimator(EstimationOptions.ofOrder(3), 500_000, work.resolve("spill"));
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> spilling.estimatePretokenized(ReferenceData.train(), ProgressListener.NONE));
    assertTrue(error.getMessage().contains("raise the budget"), error.getMessage());
  }

  @Test
  void pruningIsLeftToTheInMemoryEstimator() {
    EstimationOptions pruned = EstimationOptions.ofOrder(3).withPruneThresholds(List.of(0, 1));
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SpillingEstimator(pruned, 64L << 20, work.resolve("spill")));
    assertTrue(error.getMessage().contains("pruning"), error.getMessage());
  }

  @Test
  void anEmptyCorpusIsAClearError() throws IOException {
    Path empty = Files.writeString(work.resolve("empty.txt"), "");
    SpillingEstimator spilling =
        new SpillingEstimator(EstimationOptions.ofOrder(3), 64L << 20, work.resolve("spill"));
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> spilling.estimatePretokenized(empty, ProgressListener.NONE));
    assertTrue(error.getMessage().contains("empty"), error.getMessage());
  }

  private static String arpa(NgramModel model) throws IOException {
    StringWriter out = new StringWriter();
    ArpaWriter.write(model, out);
    return out.toString();
  }
}
