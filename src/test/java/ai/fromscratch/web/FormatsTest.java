package ai.fromscratch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatsTest {
  private final Formats formats = new Formats();

  @Test
  void bytesUseBinaryUnits() {
    assertEquals("512 B", formats.bytes(512));
    assertEquals("1.5 KB", formats.bytes(1536));
    assertEquals("3.0 GB", formats.bytes(3L << 30));
  }

  @Test
  void durationsShowTheTwoLargestUnits() {
    assertEquals("42 s", formats.duration(42));
    assertEquals("2 min 5 s", formats.duration(125));
    assertEquals("3 h 20 min", formats.duration(3 * 3600 + 20 * 60));
    assertEquals("2 d 1 h", formats.duration(2 * 86_400 + 3600));
  }

  @Test
  void timesAreShownInUtc() {
    assertEquals("2026-01-02 03:04 UTC", formats.time(Instant.parse("2026-01-02T03:04:05Z")));
  }
}
