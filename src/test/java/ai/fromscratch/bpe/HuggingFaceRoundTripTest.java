package ai.fromscratch.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BPE round trip: a tokenizer trained here and written as tokenizer.json, loaded by the Hugging
 * Face tokenizers library (through DJL), encodes held-out text to exactly our ids.
 */
class HuggingFaceRoundTripTest {
  private static final int TRAINING_LINES = 6000;
  // DJL truncates to 512 tokens and pads by default; the comparison needs neither.
  private static final Map<String, String> PLAIN =
      Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

  @TempDir Path directory;

  @Test
  void huggingFaceEncodesHeldOutTextToOurIdsWithLowerCasing() throws IOException {
    compareOnHeldOutText(true);
  }

  @Test
  void huggingFaceEncodesHeldOutTextToOurIdsKeepingCase() throws IOException {
    compareOnHeldOutText(false);
  }

  @Test
  void huggingFaceReadsEscapedTokensAsWeWroteThem() throws IOException {
    BpeTokenizer ours =
        BpeTrainer.train(
            TokenizerJsonTest.AWKWARD_TEXTS, BpeTrainingOptions.defaults().withMinFrequency(1));

    int[] counts = compareWithHuggingFace(ours, TokenizerJsonTest.AWKWARD_TEXTS);

    assertEquals(0, counts[1], "every character was seen in training");
  }

  private void compareOnHeldOutText(boolean lowercase) throws IOException {
    List<String> training = new ArrayList<>(TestTexts.brownTrainingLines(TRAINING_LINES));
    for (int i = 0; i < 3; i++) {
      // Repeated so that pairs in other scripts reach the minimum frequency and get merged.
      training.addAll(TestTexts.unicodeTrainingLines());
    }
    BpeTokenizer ours =
        BpeTrainer.train(
            training,
            BpeTrainingOptions.defaults().withVocabularySize(3000).withLowercase(lowercase));
    List<String> heldOut = new ArrayList<>(TestTexts.brownTestLines());
    for (String line : TestTexts.unicodeLines()) {
      heldOut.add(line);
      // Decomposed forms exercise NFC and the offsets HF gives composed characters.
      heldOut.add(Normalizer.normalize(line, Normalizer.Form.NFD));
      heldOut.add(Normalizer.normalize(line, Normalizer.Form.NFKD));
    }
    // Freak runs of combining marks, reordered and partly composed by NFC.
    heldOut.add("zalgo a" + "\u0301\u0323".repeat(10) + "b e" + "\u0301".repeat(60) + "\u0323");

    int[] counts = compareWithHuggingFace(ours, heldOut);

    System.out.printf(
        "Round trip (lowercase %s, %d tokens, %d merges): %d held-out lines, %d tokens"
            + " (%d <unk>), all equal%n",
        lowercase, ours.size(), ours.merges().size(), heldOut.size(), counts[0], counts[1]);
    assertTrue(heldOut.size() > 2900);
  }

  /**
   * Writes the tokenizer, loads it with HF, and checks each line: same tokens, ids, spans and
   * decoded text. Returns the number of tokens and of unknown tokens.
   */
  private int[] compareWithHuggingFace(BpeTokenizer ours, List<String> lines) throws IOException {
    Path file = directory.resolve("tokenizer.json");
    TokenizerJsonWriter.write(ours, file);
    int tokens = 0;
    int unknown = 0;
    try (HuggingFaceTokenizer theirs = HuggingFaceTokenizer.newInstance(file, PLAIN)) {
      for (String line : lines) {
        Encoding expected = ours.encode(line);
        ai.djl.huggingface.tokenizers.Encoding actual = theirs.encode(line, false, false);
        String where = "line \"" + line + "\"";
        assertEquals(expected.tokens(), Arrays.asList(actual.getTokens()), where);
        assertArrayEquals(toLongs(expected.ids()), actual.getIds(), where);
        assertSpansEqual(line, expected, actual.getCharTokenSpans(), where);
        long[] ids = actual.getIds();
        assertEquals(ours.decode(expected.ids()), theirs.decode(ids, false), where);
        assertEquals(ours.decode(expected.ids(), true), theirs.decode(ids, true), where);
        tokens += expected.size();
        unknown += (int) Arrays.stream(expected.ids()).filter(id -> id == ours.unknownId()).count();
      }
    }
    return new int[] {tokens, unknown};
  }

  /** HF's spans count code points; ours count UTF-16 chars. */
  private static void assertSpansEqual(
      String line, Encoding expected, CharSpan[] spans, String where) {
    assertEquals(expected.size(), spans.length, where);
    for (int i = 0; i < spans.length; i++) {
      int start = line.codePointCount(0, expected.starts()[i]);
      int end = line.codePointCount(0, expected.ends()[i]);
      assertEquals(start + ".." + end, spans[i].getStart() + ".." + spans[i].getEnd(), where);
    }
  }

  private static long[] toLongs(int[] ids) {
    return Arrays.stream(ids).asLongStream().toArray();
  }
}
