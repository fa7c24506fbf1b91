package ai.fromscratch.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.TestDirs;
import ai.fromscratch.testing.Uploads;
import jakarta.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A JSON Lines file of over 100 MB streams through the real server while its heap is capped at
 * {@value #HEAP_MB} MB: memory stays flat because nothing holds the file or all its records.
 */
class LargeUploadIT {
  private static final int HEAP_MB = 160;
  private static final long TARGET_BYTES = 105L << 20;
  private static final String[] WORDS = {
    "model",
    "data",
    "answer",
    "question",
    "train",
    "token",
    "corpus",
    "server",
    "memory",
    "speed",
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "is",
    "for",
    "on",
    "with",
    "why",
    "how",
    "what",
    "when"
  };

  @Test
  void hundredMegabyteJsonLinesUploadsWithACappedHeap() throws IOException {
    Path data = TestDirs.fresh("large-upload");
    Path file = TestDirs.fresh("large-upload-file").resolve("large.jsonl");
    long lines = writeLargeJsonl(file);

    try (LibertyServer server = LibertyServer.create("fs-large", data)) {
      server.jvmArgs("-Xmx" + HEAP_MB + "m").start();

      Http.Reply reply = Uploads.upload(server.baseUrl() + "/api/datasets", file);

      assertEquals(201, reply.status(), reply.body());
      assertEquals(lines, reply.json().getJsonNumber("accepted").longValue());
      assertEquals(
          Files.size(file),
          reply.json().getJsonObject("dataset").getJsonNumber("bytes").longValue());
      JsonObject heap =
          Http.get(server.baseUrl() + "/health/live")
              .json()
              .getJsonArray("checks")
              .getJsonObject(0);
      assertTrue(heap.getJsonObject("data").getInt("heapMaxMb") <= HEAP_MB, heap.toString());
      assertTrue(server.log().contains("Imported dataset"), "no out-of-memory restart happened");
    }
  }

  private static long writeLargeJsonl(Path file) throws IOException {
    Random random = new Random(42);
    long lines = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      while (Files.size(file) < TARGET_BYTES || lines % 1000 != 0) {
        lines++;
        out.write("{\"prompt\": \"" + sentence(random, 12) + "?\", \"response\": \"");
        out.write(sentence(random, 30) + ".\", \"id\": " + lines + "}\n");
        if (lines % 1000 == 0) {
          out.flush();
        }
      }
    }
    return lines;
  }

  private static String sentence(Random random, int words) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.toString();
  }
}
