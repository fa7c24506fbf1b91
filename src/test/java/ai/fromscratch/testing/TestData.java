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

  /** A small help desk's questions and answers, as JSON Lines. */
  public static final String HELP_DESK =
      """
      {"question": "How do I reset my router?", "answer": "Hold the reset button for ten seconds until the lights blink."}
      {"question": "What does the blue light on the Zephyr kettle mean?", "answer": "The blue light means the Zephyr kettle is heating the water."}
      {"question": "How long is the warranty of the Zephyr kettle?", "answer": "The Zephyr kettle has a warranty of three years."}
      {"question": "Where do I find my invoice?", "answer": "Invoices are in your account under Orders, one per purchase."}
      """;

  /**
   * A second product with a warranty of its own, so that "and how long is its warranty?" depends on
   * which product the conversation is about.
   */
  public static final String SECOND_PRODUCT =
      """
      {"question": "What colours does the Nimbus toaster come in?", "answer": "The Nimbus toaster comes in silver and in black."}
      {"question": "How long is the warranty of the Nimbus toaster?", "answer": "The Nimbus toaster has a warranty of two years."}
      """;

  /** A product manual as a Markdown file, each section short enough to be one chunk. */
  public static final String LAMP_MANUAL =
      "# Aurora bike lamp\n\nThe Aurora is a front lamp for bicycles.\n\n## Charging the lamp\n\n"
          + "Plug the lamp into a USB-C charger. A full charge takes\ntwo hours, and the ring"
          + " glows green when it is done.\n\n## Mounting the lamp\n\nSlide the lamp onto the"
          + " bracket until it clicks.\n";

  /** The answer to how long the lamp of {@link #LAMP_MANUAL} takes to charge: its section. */
  public static final String LAMP_CHARGING =
      "Plug the lamp into a USB-C charger. A full charge takes\ntwo hours, and the ring glows"
          + " green when it is done.";

  /**
   * The records with one more, a unique marker text, so that a test can upload the same records
   * again (the app refuses a file it already holds).
   */
  public static String unique(String jsonl) {
    return jsonl + "{\"text\": \"marker " + UUID.randomUUID() + "\"}\n";
  }
}
