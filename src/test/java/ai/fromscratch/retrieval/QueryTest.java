package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryTest {
  private static final String FOLLOW_UP = "and how long is its warranty?";
  private static final String EARLIER = "What does the blue light on the Zephyr kettle mean?";

  @Test
  void aQuestionWithoutAnEarlierOneIsSearchedAsItIs() {
    SentenceEmbedder embedder = Embedders.quantized();

    Query alone = Query.followUp(embedder, FOLLOW_UP, Optional.empty());

    assertEquals(FOLLOW_UP, alone.text());
    assertArrayEquals(embedder.embed(FOLLOW_UP), alone.vector());
    assertEquals(alone.text(), Query.followUp(embedder, FOLLOW_UP, Optional.of(" ")).text());
  }

  @Test
  void aFollowUpReadsBothQuestionsAndItsOwnWordsLead() {
    SentenceEmbedder embedder = Embedders.quantized();

    Query query = Query.followUp(embedder, FOLLOW_UP, Optional.of(EARLIER));

    assertTrue(query.text().contains(FOLLOW_UP) && query.text().contains(EARLIER));
    double norm = 0;
    for (float v : query.vector()) {
      norm += v * v;
    }
    assertEquals(1.0, norm, 1e-4, "unit length, as the index's vectors");
    double own = Embedders.cosine(query.vector(), embedder.embed(FOLLOW_UP));
    double earlier = Embedders.cosine(query.vector(), embedder.embed(EARLIER));
    assertTrue(own > earlier && earlier > 0.3, own + " / " + earlier);
  }
}
