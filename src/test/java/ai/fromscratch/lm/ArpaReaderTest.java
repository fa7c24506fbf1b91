package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArpaReaderTest {
  private static final String VALID =
      String.join(
          "\n",
          "\\data\\",
          "ngram 1=4",
          "ngram 2=3",
          "",
          "\\1-grams:",
          "-1.0\t<unk>\t0",
          "-99\t<s>\t-0.5",
          "-0.5\t</s>\t0",
          "-0.4\ta\t-0.3",
          "",
          "\\2-grams:",
          "-0.2\t<s> a",
          "-0.1\ta </s>",
          "-0.7\ta a",
          "",
          "\\end\\",
          "");

  @Test
  void readsAValidFileAndScoresWithBackoff() throws IOException {
    NgramModel model = read(VALID);
    assertEquals(2, model.order());
    int a = model.vocabulary().id("a");
    assertEquals(-0.2, model.log10Probability(new int[] {Vocabulary.BOS}, a), 1e-6);
    // "<s> </s>" is not stored: backoff(<s>) + p(</s>).
    assertEquals(-1.0, model.log10Probability(new int[] {Vocabulary.BOS}, Vocabulary.EOS), 1e-6);
  }

  @Test
  void acceptsZeroOrMinus99ForSentenceStart() throws IOException {
    NgramModel minus99 = read(VALID);
    NgramModel zero = read(VALID.replace("-99\t<s>", "0\t<s>"));
    assertEquals(
        minus99.log10Probability(new int[0], Vocabulary.BOS),
        zero.log10Probability(new int[0], Vocabulary.BOS));
  }

  @Test
  void missingUnknownWordGetsKenlmDefault() throws IOException {
    NgramModel model =
        read(VALID.replace("ngram 1=4", "ngram 1=3").replace("-1.0\t<unk>\t0\n", ""));
    assertEquals(-100, model.log10Probability(new int[0], Vocabulary.UNK), 1e-6);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-0.4\ta\t-0.3|-0.4\ta\tx|line 9: not a number: x",
        "-0.4\ta\t-0.3|-0.4|line 9: expected a probability, 1 word(s)",
        "-0.7\ta a|-0.7\ta b|line 14: word 'b' is not among the unigrams",
        "-0.7\ta a|-0.7\ta a b|line 14: expected a probability, 2 word(s), found 4 fields",
        "-0.7\ta a|-0.2\t<s> a|line 14: duplicate 2-gram (also on line 12)",
        "ngram 2=3|ngram 2=4|line 15: fewer 2-grams than the header announces",
        "\\end\\|\\3-grams:|line 16: expected \\end\\",
        "\\data\\|\\dada\\|line 17: no \\data\\ section",
      })
  void malformedFilesAreReportedWithTheLine(String replaced, String replacement, String message) {
    String text = VALID.replace(replaced, replacement);
    ModelFormatException error = assertThrows(ModelFormatException.class, () -> read(text));
    assertTrue(error.getMessage().contains(message), error.getMessage());
  }

  @Test
  void missingPrefixIsReported() {
    String trigram =
        VALID
            .replace("ngram 2=3", "ngram 2=3\nngram 3=1")
            .replace("\\end\\", "\\3-grams:\n-0.1\t</s> a a\n\n\\end\\");
    ModelFormatException error = assertThrows(ModelFormatException.class, () -> read(trigram));
    assertTrue(error.getMessage().contains("line 18: the prefix"), error.getMessage());
  }

  private static NgramModel read(String text) throws IOException {
    return ArpaReader.read(new BufferedReader(new StringReader(text)), "test.arpa");
  }

  @Test
  void aHugeDeclaredCountIsRefusedBeforeAnythingIsAllocated(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    java.nio.file.Path file = dir.resolve("huge.arpa");
    java.nio.file.Files.writeString(
        file, "\\data\\\nngram 1=2000000000\nngram 2=2000000000\n\n\\1-grams:\n");

    ModelFormatException error =
        assertThrows(ModelFormatException.class, () -> ArpaReader.read(file, 64L << 20));

    assertTrue(error.getMessage().contains("needs about"), error.getMessage());
    assertTrue(error.getMessage().contains("64 MB can be spared"), error.getMessage());
  }

  @Test
  void aModelLargerThanTheBudgetStreamsThroughSpilledSortsToTheSameModel() throws IOException {
    java.nio.file.Path arpa = ReferenceData.file("brown-small.o4.arpa.gz");
    NgramModel unbounded = ArpaReader.read(arpa);
    int[] counts = new int[4];
    for (int order = 1; order <= 4; order++) {
      counts[order - 1] = unbounded.ngramCount(order);
    }
    long budget = ArpaReader.bytesToRead(counts);
    assertTrue(
        budget < unbounded.memoryBytes(), budget + " of " + unbounded.memoryBytes() + " bytes");

    NgramModel bounded = ArpaReader.read(arpa, budget);

    assertEquals(export(unbounded), export(bounded));
    assertTrue(bounded.heapBytes() < unbounded.memoryBytes() / 5);
  }

  private static String export(NgramModel model) throws IOException {
    java.io.StringWriter out = new java.io.StringWriter();
    ArpaWriter.write(model, out);
    return out.toString();
  }

  @Test
  void theBudgetAcceptsAModelThatFits() throws IOException {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("valid", ".arpa");
    try {
      java.nio.file.Files.writeString(file, VALID);
      assertEquals(2, ArpaReader.read(file, ArpaReader.bytesToRead(new int[] {4, 3})).order());
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void anEndlessLineIsRefusedWithoutBeingHeld() {
    String endless =
        "\\data\\\nngram 1=1\n\n\\1-grams:\n-1.0\t" + "a".repeat(ArpaReader.MAX_LINE_CHARS + 10);

    ModelFormatException error = assertThrows(ModelFormatException.class, () -> read(endless));

    assertTrue(error.getMessage().contains("line 5: a line longer than"), error.getMessage());
  }

  @Test
  void endlessBlankLinesAreRefused() {
    String blanks = "\n".repeat(ArpaReader.MAX_OTHER_LINES + 1) + VALID;

    ModelFormatException error = assertThrows(ModelFormatException.class, () -> read(blanks));

    assertTrue(error.getMessage().contains("more lines than"), error.getMessage());
  }
}
