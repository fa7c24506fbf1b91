package ai.fromscratch.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.fromscratch.lm.WordTokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpeTokenizerTest {
  private static final BpeTokenizer CLASSIC =
      BpeTrainer.train(
          BpeTrainerTest.CLASSIC,
          new BpeTrainingOptions(1000, 1, BpeTrainingOptions.DEFAULT_SPECIAL_TOKENS, false));
  private static final BpeTokenizer BROWN =
      BpeTrainer.train(
          TestTexts.brownTrainingLines(3000),
          BpeTrainingOptions.defaults().withVocabularySize(2000).withLowercase(true));

  @Test
  void appliesTheLearnedMergesByRank() {
    assertEquals(List.of("lo", "w", "est</w>"), CLASSIC.encode("lowest").tokens());
    assertEquals(
        List.of("newest</w>", "lower</w>", "w", "i", "<unk>"),
        CLASSIC.encode("newest lower wid").tokens());
  }

  @Test
  void idsAreTheVocabularyPositionsOfTheTokens() {
    Encoding encoding = CLASSIC.encode("low widest");

    assertArrayEquals(new int[] {CLASSIC.id("low</w>"), CLASSIC.id("widest</w>")}, encoding.ids());
    assertArrayEquals(encoding.ids(), CLASSIC.encodeToIds("low widest"));
  }

  @Test
  void specialTokensAreMatchedWholeAnywhereInTheText() {
    Encoding encoding = CLASSIC.encode("<s>low<user>lower</s><pad><pad>");

    assertEquals(
        List.of("<s>", "low</w>", "<user>", "lower</w>", "</s>", "<pad>", "<pad>"),
        encoding.tokens());
    assertEquals(CLASSIC.id("<user>"), encoding.ids()[2]);
  }

  @Test
  void theLongestSpecialTokenWinsWhereTwoStartTogether() {
    BpeTokenizer tokenizer =
        BpeTrainer.train(
            List.of("a b"), new BpeTrainingOptions(100, 1, List.of("<unk>", "<s", "<s>"), false));

    assertEquals(List.of("a</w>", "<s>", "<s", "b</w>"), tokenizer.encode("a<s><sb").tokens());
  }

  @Test
  void lookalikesOfSpecialTokensAreOrdinaryText() {
    Encoding encoding = CLASSIC.encode("<S> < s> <user <pad <ss>");

    for (int id : encoding.ids()) {
      assertEquals(id == CLASSIC.unknownId(), CLASSIC.isSpecial(id));
    }
  }

  @Test
  void charactersNeverSeenInTrainingBecomeUnknown() {
    Encoding encoding = CLASSIC.encode("loжw zlow");

    assertEquals(List.of("lo", "<unk>", "w</w>", "<unk>", "low</w>"), encoding.tokens());
    assertEquals(CLASSIC.unknownId(), encoding.ids()[1]);
  }

  @Test
  void aCharacterSeenOnlyInsideWordsIsUnknownAtAWordsEnd() {
    // "o" never ended a training word, so "o</w>" is not in the vocabulary: HF does the same.
    assertEquals(List.of("l", "<unk>"), CLASSIC.encode("lo").tokens());
  }

  @Test
  void decodingJoinsWordsWithSpaces() {
    String text =
        "The jury said it did find that many of Georgia's registration laws are outmoded.";

    String decoded = BROWN.decode(BROWN.encode(text).ids());

    assertEquals(String.join(" ", new WordTokenizer(true).tokenize(text)), decoded);
  }

  @Test
  void decodingKeepsOrSkipsSpecialTokens() {
    int[] ids = CLASSIC.encode("<s>low lower</s>").ids();

    // BPEDecoder turns every suffix but the last into a space, whatever follows it.
    assertEquals("<s>low lower </s>", CLASSIC.decode(ids));
    assertEquals("low lower", CLASSIC.decode(ids, true));
    assertEquals("", CLASSIC.decode(new int[0]));
  }

  @Test
  void decodingRefusesIdsOutsideTheVocabulary() {
    assertThrows(IllegalArgumentException.class, () -> CLASSIC.decode(new int[] {CLASSIC.size()}));
    assertThrows(IllegalArgumentException.class, () -> CLASSIC.decode(new int[] {-1}));
  }

  @Test
  void offsetsPointIntoTheOriginalText() {
    String text = "  Newest<s> LOWEST!";
    BpeTokenizer lower =
        BpeTrainer.train(
            BpeTrainerTest.CLASSIC,
            BpeTrainingOptions.defaults().withMinFrequency(1).withLowercase(true));

    Encoding encoding = lower.encode(text);

    List<String> spans = new ArrayList<>();
    for (int i = 0; i < encoding.size(); i++) {
      spans.add(text.substring(encoding.starts()[i], encoding.ends()[i]));
    }
    assertEquals(List.of("newest</w>", "<s>", "lo", "w", "est</w>", "<unk>"), encoding.tokens());
    assertEquals(List.of("Newest", "<s>", "LO", "W", "EST", "!"), spans);
  }

  @Test
  void wordsAreThoseOfTheLanguageModelTokenizer() {
    List<String> lines = new ArrayList<>(TestTexts.brownTestLines().subList(0, 300));
    lines.addAll(TestTexts.unicodeLines());
    TextPipeline pipeline = new TextPipeline(List.of(), false);
    WordTokenizer lmTokenizer = new WordTokenizer(false);

    for (String line : lines) {
      List<String> words = new ArrayList<>();
      pipeline.split(
          line,
          false,
          new TextPipeline.Sink() {
            @Override
            public void special(String token, int start, int end) {}

            @Override
            public void word(TextPipeline.Normalized segment, int from, int to) {
              words.add(segment.text().substring(from, to));
            }
          });
      assertEquals(lmTokenizer.tokenize(line), words, line);
    }
  }

  @Test
  void lowerCasingGoesCodePointByCodePointAsHuggingFaceDoes() {
    TextPipeline pipeline = new TextPipeline(List.of(), true);

    // No final-sigma rule (lm.WordTokenizer, like Python, would give "οδος"), and İ keeps its dot.
    String text = "ΟΔΟΣ İstanbul";
    assertEquals("οδοσ i\u0307stanbul", pipeline.normalize(text, 0, text.length(), false).text());
  }

  @Test
  void unpairedSurrogatesBecomeReplacementCharacters() {
    TextPipeline pipeline = new TextPipeline(List.of(), false);

    assertEquals("a\uFFFDb", pipeline.normalize("a\uD800b", 0, 3, true).text());
  }

  @Test
  void emptyAndBlankTextsHaveNoTokens() {
    assertEquals(0, CLASSIC.encode("").size());
    assertEquals(0, CLASSIC.encode(" \t\n\u3000").size());
  }

  @Test
  void refusesAModelWhoseMergesUseUnknownTokens() {
    List<String> vocabulary = List.of("<unk>", "a", "b</w>", "ab</w>");

    assertThrows(
        IllegalArgumentException.class,
        () ->
            new BpeTokenizer(
                vocabulary, List.of(new Merge("a", "c</w>")), List.of("<unk>"), false));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BpeTokenizer(vocabulary, List.of(), List.of("a"), false));
    assertEquals(
        List.of("ab</w>"),
        new BpeTokenizer(vocabulary, List.of(new Merge("a", "b</w>")), List.of("<unk>"), false)
            .encode("ab")
            .tokens());
  }
}
