package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeywordTermsTest {
  private final KeywordTerms keywords = new KeywordTerms();

  @Test
  void dropsStopWordsAndLowerCasesWithoutStemming() {
    assertEquals(
        List.of("qx", "7731", "errors", "sync"),
        List.copyOf(keywords.of("What is the QX-7731 errors of my Sync?")));
  }

  @Test
  void repeatedWordsCountOnce() {
    assertEquals(Set.of("wine", "red"), keywords.of("wine WINE red wine"));
  }

  @Test
  void aQuestionOfOnlyStopWordsHasNoTerms() {
    assertEquals(Set.of(), keywords.of("What is it, and how do I?"));
  }

  @Test
  void aTextHoldsTheWantedTermsItsOwnAnalysisGives() {
    assertEquals(
        Set.of("warranty", "kettle"),
        keywords.heldIn(
            "The KETTLE: its warranty is three years.", Set.of("warranty", "kettle", "toaster")));
    assertEquals(Set.of(), keywords.heldIn("Nothing of it here.", Set.of("warranty")));
  }

  @Test
  void namesAreCapitalizedWordsAfterTheFirstAndWordsWithDigits() {
    assertEquals(
        Set.of("zorbel", "x200", "1987"),
        new KeywordTerms().names("Which color does planet Zorbel have, model X200, since 1987?"));
  }

  @Test
  void aQuestionInLowerCaseHasNoNames() {
    assertEquals(Set.of(), new KeywordTerms().names("what is the capital of france"));
  }
}
