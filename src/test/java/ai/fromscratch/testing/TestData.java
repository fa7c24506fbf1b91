package ai.fromscratch.testing;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Made-up datasets for tests: question/answer pairs with a recognizable pattern. */
public final class TestData {
  private static final List<String> SUBJECTS =
      List.of("river", "mountain", "forest", "desert", "harbor", "valley", "island", "canyon");
  private static final List<String> COLORS =
      List.of("green", "blue", "red", "golden", "silver", "white", "grey", "amber");

  private TestData() {}

  /**
   * JSON Lines with {@code count} prompt/response pairs; a unique marker keeps each file's checksum
   * apart, so tests can upload "the same" data more than once.
   */
  public static String qaPairs(int count, long seed) {
    Random random = new Random(seed);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < count; i++) {
      String subject = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
      String color = COLORS.get(random.nextInt(COLORS.size()));
      lines
          .append("{\"prompt\": \"what color is the ")
          .append(subject)
          .append(" number ")
          .append(i)
          .append("?\", \"response\": \"the ")
          .append(subject)
          .append(" number ")
          .append(i)
          .append(" is ")
          .append(color)
          .append(" and very old.\"}\n");
    }
    lines.append("{\"text\": \"marker ").append(UUID.randomUUID()).append("\"}\n");
    return lines.toString();
  }
}
