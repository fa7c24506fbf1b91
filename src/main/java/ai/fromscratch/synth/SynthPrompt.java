package ai.fromscratch.synth;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.util.List;

/** The messages that ask Groq for a batch of pairs. */
final class SynthPrompt {
  static final String SYSTEM =
      "You write training data for a small chat assistant. Reply with a JSON array only: objects"
          + " with the keys \"question\" and \"answer\", no other text.";

  /** Questions already written that a batch is asked not to repeat (the most recent ones). */
  static final int AVOID = 40;

  private SynthPrompt() {}

  static String user(String topic, int count, List<QaPair> examples, List<String> written) {
    StringBuilder prompt =
        new StringBuilder("Topic or instructions: ")
            .append(topic)
            .append("\n\nWrite ")
            .append(count)
            .append(
                " new, varied question and answer pairs about it. Each question is one a user"
                    + " might ask; each answer is correct and one to three sentences long.");
    if (!examples.isEmpty()) {
      JsonArrayBuilder array = Json.createArrayBuilder();
      examples.forEach(pair -> array.add(pair.toJson()));
      prompt.append("\n\nExamples of the style wanted: ").append(array.build());
    }
    if (!written.isEmpty()) {
      prompt.append("\n\nDo not repeat these questions:");
      written
          .subList(Math.max(0, written.size() - AVOID), written.size())
          .forEach(question -> prompt.append("\n- ").append(question));
    }
    return prompt.toString();
  }
}
