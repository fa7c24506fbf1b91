package ai.fromscratch.engine;

import ai.fromscratch.copy.CopyCorpus;
import ai.fromscratch.dataset.Turn;
import ai.fromscratch.lm.WordTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How conversations become the model's sentences, and questions its prompts. A user turn and the
 * assistant's answer form one sentence, {@code <user> question <assistant> answer}, so the model
 * learns to go on from a question into an answer; a prompt ends with {@code <assistant>} for it to
 * do so. Plain text is cut into its sentences.
 */
public final class ChatFormat {
  public static final String USER = "<user>";
  public static final String ASSISTANT = "<assistant>";

  /** The turn markers, which an answer never contains. */
  public static final Set<String> MARKERS = Set.of(USER, ASSISTANT);

  private static final Set<String> SENTENCE_ENDS = Set.of(".", "!", "?");

  private ChatFormat() {}

  /** The training sentences, as tokens, of one record's turns. */
  public static List<List<String>> sentences(List<Turn> turns, WordTokenizer tokenizer) {
    List<List<String>> sentences = new ArrayList<>();
    List<String> pending = null;
    for (Turn turn : turns) {
      switch (turn.role()) {
        case Turn.USER -> {
          if (pending != null) {
            sentences.add(pending);
          }
          pending = question(turn.text(), tokenizer);
        }
        case Turn.ASSISTANT -> {
          List<String> answer = marked(ASSISTANT, turn.text(), tokenizer);
          if (pending == null) {
            sentences.add(answer);
          } else {
            pending.addAll(answer);
            sentences.add(pending);
            pending = null;
          }
        }
        case Turn.TEXT -> sentences.addAll(split(tokenizer.tokenize(turn.text())));
        default -> {
          // System prompts set a tone the n-gram model cannot follow; they are not trained on.
        }
      }
    }
    if (pending != null) {
      sentences.add(pending);
    }
    return sentences;
  }

  /**
   * Adds one record's turns to a copy corpus as one document, as the model reads them: each user
   * turn after {@code <user>}, each answer and each text after {@code <assistant>} (so an answer
   * may start with a text), their words with the case and spacing they were written with.
   */
  public static void addDocument(CopyCorpus.Builder builder, List<Turn> turns) {
    for (Turn turn : turns) {
      switch (turn.role()) {
        case Turn.USER -> builder.marker(USER).text(withoutClosingMarks(turn.text()), 0);
        case Turn.ASSISTANT, Turn.TEXT -> builder.marker(ASSISTANT).text(turn.text(), 1);
        default -> {
          // System prompts are not trained on: neither are they copied from.
        }
      }
    }
    builder.end();
  }

  /** The prompt tokens that ask the model to answer {@code question}. */
  public static List<String> prompt(String question, WordTokenizer tokenizer) {
    List<String> tokens = question(question, tokenizer);
    tokens.add(ASSISTANT);
    return tokens;
  }

  /**
   * The prompt tokens that ask the model to answer {@code question} after the exchange before it,
   * so that the model's context runs across the turns.
   */
  public static List<String> prompt(
      Optional<PriorExchange> earlier, String question, WordTokenizer tokenizer) {
    List<String> tokens = new ArrayList<>();
    earlier.ifPresent(
        exchange -> {
          tokens.addAll(question(exchange.question(), tokenizer));
          tokens.addAll(marked(ASSISTANT, exchange.answer(), tokenizer));
        });
    tokens.addAll(prompt(question, tokenizer));
    return tokens;
  }

  /**
   * A user turn without its closing marks: people often leave off the question mark, and the words
   * next to {@code <assistant>} are the ones an n-gram model answers from.
   */
  private static List<String> question(String text, WordTokenizer tokenizer) {
    List<String> tokens = marked(USER, text, tokenizer);
    while (tokens.size() > 1 && SENTENCE_ENDS.contains(tokens.get(tokens.size() - 1))) {
      tokens.remove(tokens.size() - 1);
    }
    return tokens;
  }

  /** The question's text without its closing marks, as {@link #prompt} reads it. */
  static String withoutClosingMarks(String text) {
    return text.replaceAll("[\\s.!?]+$", "");
  }

  private static List<String> marked(String marker, String text, WordTokenizer tokenizer) {
    List<String> tokens = new ArrayList<>();
    tokens.add(marker);
    tokens.addAll(tokenizer.tokenize(text));
    return tokens;
  }

  /** Cuts tokens after each sentence-ending mark (keeping the mark with its sentence). */
  static List<List<String>> split(List<String> tokens) {
    List<List<String>> sentences = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String token : tokens) {
      current.add(token);
      if (SENTENCE_ENDS.contains(token)) {
        sentences.add(current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      sentences.add(current);
    }
    return sentences;
  }
}
