package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HybridSearchTest {
  private static final double MIN_SIMILARITY = PassageIndex.DEFAULT_MIN_SIMILARITY;
  private static PassageIndex index;

  @BeforeAll
  static void indexThePairsAndATechnicalNote() {
    index = QaPairs.index(Embedders.quantized(), QaPairs.load());
    new PassageIndexer(Embedders.quantized(), index)
        .add(
            Passage.ofText(
                2,
                1,
                "Error QX-7731 appears when the sync daemon loses its lease; restart the daemon.",
                Chunker.withDefaults()));
    index.commit();
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  void anExactRareKeywordFindsItsPassageFirst() {
    List<SearchHit> hits = search("QX-7731", 3);
    assertEquals("d2:r1:c0", hits.get(0).id());
    assertTrue(hits.get(0).keywordRank() == 1, hits.get(0).toString());
  }

  @Test
  void aParaphraseFindsItsQuestionFirst() {
    List<SearchHit> hits = search("my mailbox password is lost, how do I set a new one", 3);
    assertEquals(1, hits.get(0).recordId(), hits.toString());
    assertTrue(hits.get(0).vectorRank() <= 2, hits.get(0).toString());
  }

  @Test
  void hitsFoundByBothSidesCarryBothScoresAndRanks() {
    SearchHit hit = search("What is the capital of Australia?", 1).get(0);
    assertEquals("d1:r3:q", hit.id());
    assertEquals(1, hit.vectorRank());
    assertEquals(1, hit.keywordRank());
    // The question's vector is that of the question with its answer (one unit).
    assertTrue(hit.similarity() > 0.75 && hit.keywordScore() > 0, hit.toString());
    // First in the vector list, the keyword list and the list of passages naming "Australia".
    assertEquals(3.0 / 61, hit.fusedScore(), 1e-9);
  }

  @Test
  void hitsAreOrderedByFusedScoreAndLimitedToK() {
    List<SearchHit> hits = search("how do I cook eggs and coffee", 4);
    assertTrue(hits.size() <= 4);
    for (int i = 1; i < hits.size(); i++) {
      assertTrue(hits.get(i - 1).fusedScore() >= hits.get(i).fusedScore());
    }
  }

  @Test
  void anUnrelatedQuestionGetsNoSources() {
    assertEquals(List.of(), search("Which striker scored the winning goal in the cup final?", 8));
    assertEquals(List.of(), search("zebra quantum harmonica", 8));
  }

  @Test
  void everyHitMeetsTheMinimumSimilarityOrMatchesAllKeywords() {
    for (SearchHit hit : search("red wine stain carpet", 20)) {
      assertTrue(hit.similarity() >= MIN_SIMILARITY || hit.keywordRank() > 0, hit.toString());
    }
  }

  @Test
  void aKeywordOnlyHitStillGetsItsTrueSimilarity() {
    for (SearchHit hit : search("QX-7731 daemon", 20)) {
      assertTrue(hit.similarity() > -1 && hit.similarity() <= 1.0001, hit.toString());
    }
  }

  @Test
  void aFollowUpsRecordsSayHowMuchOfItsOwnWordsTheyHold() {
    Query alone = Query.of(Embedders.quantized(), "How often should I water a cactus?");
    Optional<String> earlier = Optional.of(alone.text());

    RecordHit inWinter = firstRecord(followUp("and in winter?", earlier));
    RecordHit orchid = firstRecord(followUp("and an orchid?", earlier));

    assertEquals(1.0, firstRecord(alone).wordsHeld(), "a question alone is judged by its fit");
    assertEquals(5, inWinter.recordId());
    assertEquals(1.0, inWinter.wordsHeld(), 1e-9);
    assertEquals(5, orchid.recordId(), "the conversation's topic still fits best");
    assertEquals(0.0, orchid.wordsHeld(), 1e-9);
  }

  private static Query followUp(String question, Optional<String> earlier) {
    return Query.followUp(Embedders.quantized(), question, earlier);
  }

  private static RecordHit firstRecord(Query query) {
    return RecordRanking.search(index, query, 3, MIN_SIMILARITY).get(0);
  }

  private static List<SearchHit> search(String query, int k) {
    return index.search(query, Embedders.quantized().embed(query), k, MIN_SIMILARITY);
  }
}
