package ai.fromscratch.dataset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.fromscratch.platform.ApiException;
import ai.fromscratch.testing.MalformedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated hostile files through the parser: each one either yields records (every
 * one with text in every turn) and rejections, or is refused with a 4xx status and a reason.
 * Nothing else may happen: no other exception, no stack overflow, no record without text.
 */
class DatasetParserFuzzTest {
  private static final int FILES = 5000;
  private static final UploadLimits LIMITS =
      new UploadLimits(16L << 20, 100_000, 100_000, 50, 64L << 20, 200, false);

  @Test
  void everyMalformedFileIsParsedOrRefusedWithAReason() throws IOException {
    Path dir = Files.createDirectories(Path.of("target/fuzz-datasets"));
    int refused = 0;
    int withRecords = 0;
    for (MalformedFiles.Sample sample : MalformedFiles.generate(FILES, 20261129L)) {
      Path file = Files.write(dir.resolve("sample"), sample.content());
      CollectingSink sink = new CollectingSink();
      try {
        new DatasetParser(LIMITS).parse(file, sink);
      } catch (ApiException e) {
        refused++;
        assertTrue(e.status() >= 400 && e.status() < 500, sample + ": refused with " + e.status());
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), sample + ": no reason");
        continue;
      } catch (RuntimeException | StackOverflowError e) {
        fail(sample + " broke the parser", e);
      }
      for (ParsedRecord record : sink.records) {
        assertFalse(record.turns().isEmpty(), sample + ": a record without turns");
        assertTrue(
            record.turns().stream().noneMatch(turn -> turn.text().isBlank()),
            sample + ": a turn without text in " + record.location());
      }
      withRecords += sink.records.isEmpty() ? 0 : 1;
    }
    assertTrue(refused > FILES / 10, "the generator makes files that must be refused: " + refused);
    assertTrue(
        withRecords > FILES / 10, "and damaged files that still hold records: " + withRecords);
  }
}
