package ai.fromscratch.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetParserTest {
  private static final UploadLimits LIMITS =
      new UploadLimits(256L << 20, 1_000_000, 100_000, 1000, 1L << 30, 200, false);
  private static final Path GOOD = Path.of("src/test/resources/datasets/good");
  private static final Path BAD = Path.of("src/test/resources/datasets/bad");

  private static CollectingSink parse(Path file) throws IOException {
    CollectingSink sink = new CollectingSink();
    new DatasetParser(LIMITS).parse(file, sink);
    return sink;
  }

  private static UploadRefusedException refused(Path file) {
    return assertThrows(UploadRefusedException.class, () -> parse(file));
  }

  @Test
  void jsonLinesWithPromptResponseVariantsBecomeUserAssistantPairs() throws IOException {
    CollectingSink sink = parse(GOOD.resolve("prompt_response.jsonl"));

    assertEquals(4, sink.records.size(), sink.rejectionsText());
    assertEquals(
        List.of(
            new Turn(Turn.USER, "How do I boil an egg?"),
            new Turn(Turn.ASSISTANT, "Put the egg in boiling water for nine minutes.")),
        sink.records.get(1).turns());
    assertEquals("line 3", sink.records.get(2).location());
    assertTrue(sink.records.stream().allMatch(r -> r.schema() == RecordSchema.PROMPT_RESPONSE));
    assertTrue(sink.records.get(3).original().contains("\"meta\""), "the original is kept whole");
  }

  @Test
  void alpacaArrayJoinsInstructionAndInput() throws IOException {
    CollectingSink sink = parse(GOOD.resolve("alpaca.json"));

    assertEquals(3, sink.records.size());
    assertEquals(RecordSchema.ALPACA, sink.records.get(0).schema());
    assertEquals("Translate to French.\n\nGood morning", sink.records.get(0).turns().get(0).text());
    assertEquals("Give a synonym for happy.", sink.records.get(1).turns().get(0).text());
    assertEquals("record 2 (line 7)", sink.records.get(1).location());
  }

  @Test
  void openAiMessagesKeepSystemTurnsJoinPartsAndDropToolOutput() throws IOException {
    CollectingSink sink = parse(GOOD.resolve("openai_chat.jsonl"));

    assertEquals(2, sink.records.size());
    assertEquals(
        List.of(
            new Turn(Turn.SYSTEM, "You are helpful."),
            new Turn(Turn.USER, "Hi there"),
            new Turn(Turn.ASSISTANT, "Hello! How can I help?")),
        sink.records.get(0).turns());
    assertEquals(
        List.of(
            new Turn(Turn.USER, "Describe a tree."),
            new Turn(Turn.ASSISTANT, "A tall plant with a trunk.")),
        sink.records.get(1).turns());
  }

  @Test
  void objectHoldingAListOfShareGptRecordsYieldsEachRecord() throws IOException {
    CollectingSink sink = parse(GOOD.resolve("sharegpt.json"));

    assertEquals(2, sink.records.size(), sink.rejectionsText());
    assertEquals(RecordSchema.SHAREGPT, sink.records.get(1).schema());
    assertEquals(new Turn(Turn.SYSTEM, "Be brief."), sink.records.get(1).turns().get(0));
    assertTrue(sink.records.get(0).location().startsWith("data record 1"));
  }

  @Test
  void prettyPrintedSingleObjectIsOneRecord() throws IOException {
    CollectingSink sink = parse(GOOD.resolve("single_record.json"));

    assertEquals(1, sink.records.size(), sink.rejectionsText());
    assertEquals(RecordSchema.SHAREGPT, sink.records.get(0).schema());
  }

  @Test
  void plainTextRecordsKeepUnicode() throws IOException {
    CollectingSink sink = parse(GOOD.resolve("text.jsonl"));

    assertEquals(
        new Turn(Turn.TEXT, "Naïve café owners in Zürich serve crème brûlée."),
        sink.records.get(1).turns().get(0));
  }

  @Test
  void goodRecordsAreKeptAndBadLinesReportedWithLineAndReason() throws IOException {
    CollectingSink sink = parse(GOOD.resolve("mixed_with_bad_lines.jsonl"));

    assertEquals(2, sink.records.size());
    assertEquals("line 7", sink.records.get(1).location());
    assertEquals(4, sink.rejections.size(), sink.rejectionsText());
    assertEquals("line 2, column 34", sink.rejections.get(0).location());
    assertTrue(sink.rejections.get(0).reason().startsWith("malformed JSON"));
    assertEquals(
        new Rejection(
            "line 3",
            "no known schema (keys found: body, title); expected prompt/response,"
                + " question/answer, instruction/output, messages, conversations or text"),
        sink.rejections.get(1));
    assertEquals(new Rejection("line 5", "empty text in prompt"), sink.rejections.get(2));
    assertEquals(
        new Rejection("line 6", "a record must be a JSON object, not a list"),
        sink.rejections.get(3));
  }

  @Test
  void formatIsDetectedByContentNotByName() throws IOException {
    assertEquals(2, parse(GOOD.resolve("records_named_txt.txt")).records.size());
  }

  @Test
  void zipReadsFoldersSniffsEntriesWithoutExtensionAndSkipsMacMetadata() throws IOException {
    CollectingSink sink = parse(GOOD.resolve("nested_folders.zip"));

    assertEquals(6, sink.records.size(), sink.rejectionsText());
    assertEquals("entry corpus/part1.jsonl, line 1", sink.records.get(0).location());
    assertEquals("entry README.md, lines 1–1", sink.records.get(5).location());
    assertEquals(List.of(), sink.rejections);
  }

  @Test
  void emptyFileIsRefused() {
    assertEquals("the file is empty", refused(BAD.resolve("empty.jsonl")).getMessage());
    assertEquals(
        "the file is empty (only white space)",
        refused(BAD.resolve("whitespace.json")).getMessage());
  }

  @Test
  void truncatedJsonIsRefusedWholeSayingWhereItBreaksOff() {
    UploadRefusedException error = refused(BAD.resolve("truncated.json"));

    assertEquals(422, error.status());
    assertTrue(
        error.getMessage().startsWith("The JSON document breaks off at line 2, column"),
        error.getMessage());
    assertTrue(error.getMessage().contains("partial=true"), error.getMessage());
    assertTrue(error.getMessage().contains("keep the 1 records before"), error.getMessage());
  }

  @Test
  void truncatedJsonUploadedAsPartialKeepsTheRecordsBeforeTheBreakAndSaysWhere()
      throws IOException {
    CollectingSink sink = new CollectingSink();
    new DatasetParser(LIMITS.keepingPartialJson(true)).parse(BAD.resolve("truncated.json"), sink);

    assertEquals(1, sink.records.size());
    assertEquals(1, sink.rejections.size());
    assertTrue(
        sink.rejections.get(0).location().startsWith("line 2, column"), sink.rejectionsText());
    assertTrue(
        sink.rejections.get(0).reason().endsWith("the rest of the file was not read"),
        sink.rejectionsText());
  }

  @Test
  void binaryGarbageIsRefused() {
    assertEquals(
        "the file is binary data, not JSON, JSON Lines, text or a ZIP archive",
        refused(BAD.resolve("garbage.bin")).getMessage());
  }

  @Test
  void latin1TextIsReportedAsNotUtf8() throws IOException {
    CollectingSink sink = parse(BAD.resolve("latin1.jsonl"));

    assertEquals(0, sink.records.size());
    assertEquals(
        new Rejection(
            "line 1", "not UTF-8 text: byte 0xE9 at byte 16 of the line; save the file as UTF-8"),
        sink.rejections.get(0));
  }

  @Test
  void utf16IsRefusedWithAHint() {
    assertEquals(
        "the file is UTF-16 text; save it as UTF-8",
        refused(BAD.resolve("utf16.json")).getMessage());
  }

  @Test
  void zipBombIsRefused() {
    assertTrue(refused(BAD.resolve("zip_bomb.zip")).getMessage().contains("zip bomb"));
  }

  @Test
  void zipBombWithLyingSizesIsStoppedWhileExpanding() {
    assertTrue(refused(BAD.resolve("lying_zip_bomb.zip")).getMessage().contains("zip bomb"));
  }

  @Test
  void entriesEscapingTheArchiveAreNeverRead() {
    UploadRefusedException error = refused(BAD.resolve("path_traversal.zip"));

    assertEquals("the archive holds no .json, .jsonl, .md or .txt file", error.getMessage());
  }

  @Test
  void traversalEntriesAreReportedBesideGoodOnes() throws IOException {
    Path zip =
        TestZips.write(
            "mixed.zip", "../evil.jsonl", "{\"text\":\"x\"}\n", "ok.jsonl", "{\"text\":\"y\"}\n");
    CollectingSink sink = parse(zip);

    assertEquals(1, sink.records.size());
    assertEquals(
        List.of(
            new Rejection(
                "entry ../evil.jsonl", "paths with .. are not accepted; the entry was not read")),
        sink.rejections);
  }

  @Test
  void nestedArchivesAreRefusedByNameAndByContent() throws IOException {
    CollectingSink sink = parse(BAD.resolve("nested_archive.zip"));

    assertEquals(0, sink.records.size());
    assertEquals(
        List.of(
            new Rejection("entry inner.zip", "nested archives are not accepted"),
            new Rejection("entry disguised.jsonl", "nested archives are not accepted")),
        sink.rejections);
  }

  @Test
  void megabyteSingleLineIsRejectedAsTooLongWithoutReadingItWhole() throws IOException {
    CollectingSink sink = parse(BAD.resolve("long_line.jsonl"));

    assertEquals(
        List.of(
            new Rejection(
                "the file",
                "a record is longer than the limit of 100,000 characters (MAX_RECORD_CHARS);"
                    + " the rest of the file was not read")),
        sink.rejections);
  }

  @Test
  void megabyteLineAmongOthersIsRejectedAndTheOthersKept() throws IOException {
    String longLine = "{\"text\": \"" + "x".repeat(1 << 20) + "\"}";
    Path file = Files.createDirectories(Path.of("target/test-files")).resolve("long-middle.jsonl");
    Files.writeString(file, "{\"text\": \"a\"}\n" + longLine + "\n{\"text\": \"b\"}\n");

    CollectingSink sink = parse(file);

    assertEquals(2, sink.records.size());
    assertEquals(
        List.of(
            new Rejection(
                "line 2",
                "the record is longer than the limit of 100,000 characters (MAX_RECORD_CHARS)")),
        sink.rejections);
  }

  @Test
  void recordsOfNoKnownSchemaNameTheKeysFound() throws IOException {
    CollectingSink sink = parse(BAD.resolve("unknown_schema.jsonl"));

    assertEquals(0, sink.records.size());
    assertTrue(sink.rejections.get(1).reason().startsWith("no known schema (keys found: foo)"));
  }

  @Test
  void emptyTextsAreRejected() throws IOException {
    CollectingSink sink = parse(BAD.resolve("empty_texts.jsonl"));

    assertEquals(0, sink.records.size());
    assertEquals(
        List.of(
            new Rejection("line 1", "empty text in prompt"),
            new Rejection("line 2", "empty text in text"),
            new Rejection("line 3", "empty text: messages has no user or assistant turn")),
        sink.rejections);
  }

  @Test
  void plainProseIsADocumentOfOneTextRecord() throws IOException {
    CollectingSink sink = parse(GOOD.resolve("plain_prose.txt"));

    assertEquals(1, sink.records.size(), sink.rejectionsText());
    ParsedRecord record = sink.records.get(0);
    assertEquals(RecordSchema.TEXT, record.schema());
    assertEquals(List.of(new Turn(Turn.TEXT, "hello world, this is just text")), record.turns());
    assertEquals("lines 1–1", record.location());
    assertEquals("{\"text\":\"hello world, this is just text\"}", record.original());
  }

  @Test
  void anHtmlPageIsRefusedRatherThanReadAsText() {
    UploadRefusedException error =
        assertThrows(
            UploadRefusedException.class,
            () -> parseText("\n<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>\n", LIMITS));

    assertEquals(
        "the file is an HTML page; save it as Markdown or plain text and upload that",
        error.getMessage());
  }

  @Test
  void aMarkdownDocumentKeepsItsTextExactly() throws IOException {
    String markdown =
        "# Lamp\r\n\r\nCharge it for `2 h`.\r\n\r\n## Mounting\r\n\r\nClick it in.\r\n";
    CollectingSink sink = parseText(markdown, LIMITS);

    assertEquals(
        List.of(
            new Turn(Turn.TEXT, "# Lamp\n\nCharge it for `2 h`.\n\n## Mounting\n\nClick it in.")),
        sink.records.get(0).turns());
  }

  @Test
  void aDocumentLongerThanARecordIsCutBeforeAHeadingIntoRecordsThatFit() throws IOException {
    String section = "## Part\n\n" + "A sentence that fills the part. ".repeat(3).strip() + "\n\n";
    String markdown = section.repeat(6);
    UploadLimits small = new UploadLimits(1 << 20, 1000, 300, 10, 1 << 20, 200, false);
    CollectingSink sink = parseText(markdown, small);

    assertTrue(sink.records.size() > 1, sink.records.toString());
    StringBuilder joined = new StringBuilder();
    for (ParsedRecord record : sink.records) {
      String text = record.turns().get(0).text();
      assertTrue(text.length() <= 300, text);
      assertTrue(text.startsWith("## Part"), text);
      joined.append(text).append("\n\n");
    }
    assertEquals(markdown, joined.toString(), "nothing is lost between the records");
    assertEquals("lines 1–8", sink.records.get(0).location());
  }

  @Test
  void aDocumentWithAByteThatIsNotUtf8IsRefusedWholeWithWhere() throws IOException {
    CollectingSink sink = new CollectingSink();
    byte[] latin1 = "Caf\u00e9 menu\n\nCoffee.\n".getBytes(StandardCharsets.ISO_8859_1);
    Path file = Files.createTempFile("latin1", ".txt");
    try {
      Files.write(file, latin1);
      new DatasetParser(LIMITS).parse(file, sink);
    } finally {
      Files.delete(file);
    }

    assertEquals(List.of(), sink.records);
    assertEquals(
        List.of(
            new Rejection(
                "line 1",
                "not UTF-8 text: byte 0xE9 at byte 4 of the line; save the file as UTF-8")),
        sink.rejections);
  }

  private static CollectingSink parseText(String text, UploadLimits limits) throws IOException {
    Path file = Files.createTempFile("document", ".md");
    try {
      Files.writeString(file, text);
      CollectingSink sink = new CollectingSink();
      new DatasetParser(limits).parse(file, sink);
      return sink;
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void tooManyZipEntriesAreRefused() throws IOException {
    Path zip =
        TestZips.write(
            "many.zip", "a.jsonl", "{\"text\":\"a\"}\n", "b.jsonl", "{\"text\":\"b\"}\n");
    UploadLimits oneEntry = new UploadLimits(1 << 20, 100, 1000, 1, 1 << 20, 200, false);

    UploadRefusedException error =
        assertThrows(
            UploadRefusedException.class,
            () -> new DatasetParser(oneEntry).parse(zip, new CollectingSink()));

    assertEquals(413, error.status());
    assertEquals("the archive has 2 entries; the limit is 1 (ZIP_MAX_ENTRIES)", error.getMessage());
  }
}
