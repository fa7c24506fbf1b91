package ai.fromscratch.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.json.JsonText;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenizerJsonTest {
  /** Tokens that need escaping: quotes, backslashes, control characters, non-ASCII, emoji. */
  static final List<String> AWKWARD_TEXTS =
      List.of(
          "say \"hi\" \"hi\" back\\slash back\\slash",
          "bell\u0001 bell\u0001 del\u007F del\u007F c1\u0080 c1\u0080",
          "café café Zürich Zürich 😀😀 😀😀 東京 東京 / / </w> <\\w>");

  private static final BpeTokenizer SMALL =
      BpeTrainer.train(
          BpeTrainerTest.CLASSIC,
          new BpeTrainingOptions(1000, 1, BpeTrainingOptions.DEFAULT_SPECIAL_TOKENS, true));

  @TempDir Path directory;

  @Test
  void writingThenReadingGivesTheSameTokenizer() throws IOException {
    BpeTokenizer trained =
        BpeTrainer.train(
            TestTexts.brownTrainingLines(1000),
            BpeTrainingOptions.defaults().withVocabularySize(1500));
    Path file = directory.resolve("tokenizer.json");

    TokenizerJsonWriter.write(trained, file);
    BpeTokenizer read = TokenizerJsonReader.read(file);

    assertEquals(trained, read);
    String line = TestTexts.brownTestLines().get(5);
    assertEquals(trained.encode(line), read.encode(line));
    assertEquals(TokenizerJsonWriter.toJson(trained), Files.readString(file));
  }

  @Test
  void awkwardCharactersSurviveTheRoundTripAndTheFileIsAscii() throws IOException {
    BpeTokenizer trained =
        BpeTrainer.train(AWKWARD_TEXTS, BpeTrainingOptions.defaults().withMinFrequency(1));
    Path file = directory.resolve("tokenizer.json");

    TokenizerJsonWriter.write(trained, file);

    byte[] bytes = Files.readAllBytes(file);
    for (byte b : bytes) {
      assertTrue(b >= 0x20 || b == '\n', "ASCII without control characters, found " + b);
    }
    assertTrue(
        trained.id("\"</w>") >= 0 && trained.id("\\</w>") >= 0 && trained.id("\u0001</w>") >= 0);
    assertTrue(trained.id("😀</w>") >= 0 && trained.id("\u007F</w>") >= 0);
    assertEquals(trained, TokenizerJsonReader.read(file));
  }

  @Test
  void writingReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = directory.resolve("tokenizer.json");
    Files.writeString(file, "old");

    TokenizerJsonWriter.write(SMALL, file);

    assertEquals(SMALL, TokenizerJsonReader.read(file));
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void theFileHasEverySectionHuggingFaceExpects() throws IOException {
    String json = TokenizerJsonWriter.toJson(SMALL);

    for (String expected :
        List.of(
            "\"version\": \"1.0\"",
            "\"truncation\": null",
            "\"padding\": null",
            "{\"id\": 0, \"content\": \"<unk>\", \"single_word\": false, \"lstrip\": false,"
                + " \"rstrip\": false, \"normalized\": false, \"special\": true}",
            "\"normalizer\": {\"type\": \"Sequence\", \"normalizers\": [{\"type\": \"NFC\"},"
                + " {\"type\": \"Lowercase\"}]}",
            "\"pre_tokenizer\": {\"type\": \"Split\", \"pattern\": {\"Regex\": ",
            "\"behavior\": \"Removed\", \"invert\": true}",
            "\"post_processor\": null",
            "\"decoder\": {\"type\": \"BPEDecoder\", \"suffix\": \"</w>\"}",
            "\"type\": \"BPE\"",
            "\"dropout\": null",
            "\"unk_token\": \"<unk>\"",
            "\"continuing_subword_prefix\": null",
            "\"end_of_word_suffix\": \"</w>\"",
            "\"fuse_unk\": false",
            "\"byte_fallback\": false",
            "\"ignore_merges\": false",
            "\"low</w>\": ",
            "[\"e\", \"s\"]")) {
      assertTrue(json.contains(expected), "missing " + expected);
    }
    Object parsed = JsonText.parse(json);
    assertTrue(parsed instanceof java.util.Map<?, ?>);
  }

  @Test
  void readsMergesWrittenAsSpaceSeparatedStrings() throws IOException {
    String json =
        TokenizerJsonWriter.toJson(SMALL)
            .replace("[\"e\", \"s\"]", "\"e s\"")
            .replace("[\"es\", \"t</w>\"]", "\"es t</w>\"");

    BpeTokenizer read = TokenizerJsonReader.read(new StringReader(json));

    assertEquals(SMALL, read);
    assertArrayEquals(SMALL.encode("lowest").ids(), read.encode("lowest").ids());
  }

  static Stream<Arguments> malformedFiles() {
    String good = TokenizerJsonWriter.toJson(SMALL);
    int lowId = SMALL.id("low</w>");
    return Stream.of(
        Arguments.of("empty", "", "unexpected end"),
        Arguments.of("not JSON", "tokenizer", "invalid JSON at line 1, column 1"),
        Arguments.of("truncated", good.substring(0, good.length() / 2), "invalid JSON at line"),
        Arguments.of("trailing text", good + "}", "unexpected text after"),
        Arguments.of("an array", "[]", "the tokenizer must be a JSON object"),
        Arguments.of("wrong version", good.replace("\"1.0\"", "\"2.0\""), "unsupported version"),
        Arguments.of(
            "another model",
            good.replace("\"type\": \"BPE\"", "\"type\": \"WordPiece\""),
            "unsupported model type \"WordPiece\""),
        Arguments.of(
            "byte-level pre-tokenizer",
            good.replaceFirst(
                "\"pre_tokenizer\": \\{.*\\},\n",
                "\"pre_tokenizer\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false},\n"),
            "unsupported pre_tokenizer"),
        Arguments.of(
            "another normalizer",
            good.replace("{\"type\": \"Lowercase\"}", "{\"type\": \"NFKC\"}"),
            "unsupported normalizer"),
        Arguments.of(
            "dropout",
            good.replace("\"dropout\": null", "\"dropout\": 0.1"),
            "unsupported dropout (expected null), found 0.1"),
        Arguments.of(
            "a gap in the ids",
            good.replace("\"low</w>\": " + lowId, "\"low</w>\": 99999"),
            "token \"low</w>\" has id 99999 outside"),
        Arguments.of(
            "a shared id",
            good.replace("\"low</w>\": " + lowId, "\"low</w>\": 0"),
            "id 0 is given to both"),
        Arguments.of(
            "a string id",
            good.replace("\"low</w>\": " + lowId, "\"low</w>\": \"" + lowId + "\""),
            "the id of token \"low</w>\" must be an integer"),
        Arguments.of(
            "a merge of unknown tokens",
            good.replace("[\"e\", \"s\"]", "[\"e\", \"q\"]"),
            "merge part not in the vocabulary: q"),
        Arguments.of(
            "a malformed merge", good.replace("[\"e\", \"s\"]", "[\"e\"]"), "merge 0 is neither"),
        Arguments.of(
            "a missing vocabulary",
            good.replace("\"vocab\"", "\"vocabulary\""),
            "unknown key \"model.vocabulary\""),
        Arguments.of(
            "a special token with a wrong id",
            good.replace(
                "{\"id\": 0, \"content\": \"<unk>\"", "{\"id\": 1, \"content\": \"<unk>\""),
            "added token \"<unk>\" has id 1"),
        Arguments.of(
            "a duplicate key",
            good.replace("\"padding\": null", "\"padding\": null, \"padding\": null"),
            "duplicate key \"padding\""),
        Arguments.of("a bad escape", good.replace("\"</w>\"}", "\"<\\q>\"}"), "invalid escape"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedFiles")
  void refusesMalformedFilesSayingWhy(String what, String json, String expectedMessage)
      throws IOException {
    Path file = directory.resolve("tokenizer.json");
    Files.writeString(file, json);

    TokenizerFormatException e =
        assertThrows(TokenizerFormatException.class, () -> TokenizerJsonReader.read(file));

    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expectedMessage), e.getMessage());
  }

  @Test
  void refusesAFileThatIsNotUtf8() throws IOException {
    Path file = directory.resolve("tokenizer.json");
    Files.write(file, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});

    TokenizerFormatException e =
        assertThrows(TokenizerFormatException.class, () -> TokenizerJsonReader.read(file));
    assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
  }
}
