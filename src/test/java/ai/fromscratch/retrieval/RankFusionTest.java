package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankFusionTest {
  @Test
  void sumsReciprocalRanksWithConstantSixty() {
    assertEquals(1.0 / 61 + 1.0 / 63, RankFusion.score(1, 3), 1e-12);
    assertEquals(1.0 / 62, RankFusion.score(2, 0), 1e-12);
    assertEquals(0, RankFusion.score(0, 0));
  }

  @Test
  void aPassageFoundByBothSidesBeatsOneFoundByOneSideFirst() {
    assertTrue(RankFusion.score(5, 5) > RankFusion.score(1, 0));
  }

  @Test
  void takesAtLeastFiftyCandidatesPerSide() {
    assertEquals(50, RankFusion.candidates(8));
    assertEquals(80, RankFusion.candidates(20));
  }
}
