package ai.fromscratch.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.fromscratch.testing.JpaDatabase;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParentLinksTest {
  @Test
  void theEntitiesDeclareEveryLinkABackupKeeps() {
    try (JpaDatabase db = JpaDatabase.inMemory("parent-links")) {
      ParentLinks links = new ParentLinks();
      links.factory = db.factory();

      assertEquals(
          List.of(
              new ParentLink("DATASET_RECORD", "DATASET_ID", "DATASET"),
              new ParentLink("EXCHANGE", "CONVERSATION_ID", "CONVERSATION"),
              new ParentLink("RATING", "EXCHANGE_ID", "EXCHANGE")),
          links.all().stream().sorted(Comparator.comparing(ParentLink::child)).toList());
    }
  }
}
