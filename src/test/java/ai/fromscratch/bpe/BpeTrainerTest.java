package ai.fromscratch.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {
  /** Sennrich et al.'s example: low 5, lower 2, newest 6, widest 3. */
  static final List<String> CLASSIC =
      List.of(
          "low low low low low",
          "lower lower",
          "newest newest newest newest newest newest",
          "widest widest widest");

  private static final BpeTrainingOptions UNLIMITED =
      new BpeTrainingOptions(1000, 1, List.of("<unk>"), false);

  private static List<Merge> merges(String... pairs) {
    List<Merge> merges = new ArrayList<>();
    for (String pair : pairs) {
      String[] parts = pair.split(" ");
      merges.add(new Merge(parts[0], parts[1]));
    }
    return merges;
  }

  @Test
  void learnsTheHandCheckedMergesOfTheClassicExample() {
    BpeTokenizer tokenizer = BpeTrainer.train(CLASSIC, UNLIMITED);

    // Ties go to the smaller ids: e (2) before s (8), so "e s" precedes "s t</w>" at count 9.
    assertEquals(
        merges(
            "e s",
            "es t</w>",
            "l o",
            "e w",
            "n ew",
            "new est</w>",
            "lo w</w>",
            "d est</w>",
            "i dest</w>",
            "w idest</w>",
            "e r</w>",
            "w er</w>",
            "lo wer</w>"),
        tokenizer.merges());
  }

  @Test
  void vocabularyStartsWithSpecialsThenCharactersThenWordEndings() {
    BpeTokenizer tokenizer =
        BpeTrainer.train(CLASSIC, UNLIMITED.withSpecialTokens(List.of("<unk>", "<s>")));

    assertEquals(
        List.of(
            "<unk>", "<s>", "d", "e", "i", "l", "n", "o", "r", "s", "t", "w", "r</w>", "t</w>",
            "w</w>", "es"),
        tokenizer.vocabulary().subList(0, 16));
  }

  @Test
  void stopsAtTheVocabularySize() {
    BpeTokenizer tokenizer = BpeTrainer.train(CLASSIC, UNLIMITED.withVocabularySize(19));

    assertEquals(19, tokenizer.size());
    assertEquals(merges("e s", "es t</w>", "l o", "e w", "n ew"), tokenizer.merges());
  }

  @Test
  void stopsWhenNoPairReachesTheMinimumFrequency() {
    BpeTokenizer tokenizer = BpeTrainer.train(CLASSIC, UNLIMITED.withMinFrequency(3));

    assertEquals(10, tokenizer.merges().size());
    assertEquals(new Merge("w", "idest</w>"), tokenizer.merges().get(9));
  }

  @Test
  void keepsTheAlphabetWhenTheVocabularySizeIsSmallerThanIt() {
    BpeTokenizer tokenizer = BpeTrainer.train(CLASSIC, UNLIMITED.withVocabularySize(5));

    assertEquals(14, tokenizer.size());
    assertTrue(tokenizer.merges().isEmpty());
  }

  @Test
  void specialTokensInTheTextsAreSetAsideNotLearnedFrom() {
    BpeTokenizer tokenizer =
        BpeTrainer.train(
            List.of("<user>hi there<assistant>hello</s>"), BpeTrainingOptions.defaults());

    assertEquals(-1, tokenizer.id("<"));
    assertEquals(-1, tokenizer.id("/"));
    assertEquals(BpeTrainingOptions.DEFAULT_SPECIAL_TOKENS, tokenizer.specialTokens());
    assertEquals(
        BpeTrainingOptions.DEFAULT_SPECIAL_TOKENS,
        tokenizer.vocabulary().subList(0, BpeTrainingOptions.DEFAULT_SPECIAL_TOKENS.size()));
  }

  @Test
  void addsTheUnknownTokenFirstWhenTheOptionsLackIt() {
    BpeTrainingOptions options = UNLIMITED.withSpecialTokens(List.of("<s>", "</s>"));

    assertEquals(List.of("<unk>", "<s>", "</s>"), options.specialTokens());
  }

  @Test
  void lowerCasesTheTrainingTextWhenAsked() {
    BpeTokenizer tokenizer =
        BpeTrainer.train(List.of("Low LOW low"), UNLIMITED.withLowercase(true));

    assertEquals(-1, tokenizer.id("L"));
    assertTrue(tokenizer.id("low</w>") >= 0);
  }

  @Test
  void sameTextsGiveTheSameTokenizerWhateverTheirOrder() {
    List<String> lines = TestTexts.brownTrainingLines(2000);
    List<String> shuffled = new ArrayList<>(lines);
    Collections.shuffle(shuffled, new Random(7));
    BpeTrainingOptions options = BpeTrainingOptions.defaults().withVocabularySize(1500);

    BpeTokenizer first = BpeTrainer.train(lines, options);
    BpeTokenizer again = BpeTrainer.train(lines, options);
    BpeTokenizer reordered = BpeTrainer.train(shuffled, options);

    assertEquals(first, again);
    assertEquals(first, reordered);
    assertEquals(TokenizerJsonWriter.toJson(first), TokenizerJsonWriter.toJson(reordered));
  }

  @Test
  void incrementalPairCountsLearnWhatAFullRecountLearns() {
    List<String> lines = TestTexts.brownTrainingLines(250);
    lines.addAll(TestTexts.unicodeTrainingLines());
    lines.add("aaaaaaa aaaa abababab aa baaab");
    BpeTrainingOptions options = BpeTrainingOptions.defaults().withVocabularySize(1000);

    BpeTokenizer tokenizer = BpeTrainer.train(lines, options);

    assertEquals(NaiveBpeTrainer.train(lines, options), tokenizer.merges());
  }

  @Test
  void reportsProgressEndingWithDoneEqualToTotal() {
    List<int[]> calls = new ArrayList<>();
    BpeTrainer.train(
        TestTexts.brownTrainingLines(500),
        BpeTrainingOptions.defaults().withVocabularySize(700),
        (done, total) -> calls.add(new int[] {done, total}),
        () -> false);

    assertTrue(calls.size() > 50 && calls.size() <= 102, "calls: " + calls.size());
    int[] last = calls.get(calls.size() - 1);
    assertEquals(last[0], last[1]);
    for (int i = 1; i < calls.size(); i++) {
      assertTrue(calls.get(i)[0] >= calls.get(i - 1)[0]);
    }
  }

  @Test
  void announcedTotalShrinksToWhatWasLearnedWhenPairsRunOut() {
    List<int[]> calls = new ArrayList<>();
    BpeTrainer.train(
        CLASSIC, UNLIMITED, (done, total) -> calls.add(new int[] {done, total}), () -> false);

    assertEquals(986, calls.get(0)[1]);
    int[] last = calls.get(calls.size() - 1);
    assertEquals(13, last[0]);
    assertEquals(13, last[1]);
  }

  @Test
  void stopsWhenCancelled() {
    AtomicInteger reports = new AtomicInteger();
    BpeTrainer trainer = new BpeTrainer(BpeTrainingOptions.defaults().withVocabularySize(2000));
    TestTexts.brownTrainingLines(1000).forEach(trainer::add);

    CancellationException e =
        assertThrows(
            CancellationException.class,
            () ->
                trainer.train((done, total) -> reports.incrementAndGet(), () -> reports.get() > 3));
    assertTrue(e.getMessage().contains("merges"), e.getMessage());
  }

  @Test
  void stopsWhenTheThreadIsInterrupted() {
    BpeTrainer trainer = new BpeTrainer(BpeTrainingOptions.defaults());
    trainer.add("some text to learn from");
    Thread.currentThread().interrupt();
    try {
      assertThrows(CancellationException.class, trainer::train);
    } finally {
      assertTrue(Thread.interrupted(), "the interrupt flag stays set for the caller");
    }
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void countsWordsAsTheyAreAdded() {
    BpeTrainer trainer = new BpeTrainer(BpeTrainingOptions.defaults());
    trainer.add("the cat saw the dog.");
    trainer.add("<s>the end</s>");

    assertEquals(8, trainer.words());
    assertEquals(6, trainer.distinctWords());
  }

  @Test
  void optionsRejectNonsense() {
    assertThrows(
        IllegalArgumentException.class, () -> BpeTrainingOptions.defaults().withVocabularySize(0));
    assertThrows(
        IllegalArgumentException.class, () -> BpeTrainingOptions.defaults().withMinFrequency(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> BpeTrainingOptions.defaults().withSpecialTokens(List.of("<s>", "<s>")));
    assertThrows(
        IllegalArgumentException.class,
        () -> BpeTrainingOptions.defaults().withSpecialTokens(List.of("")));
  }
}
