package ai.fromscratch.retrieval;

import ai.fromscratch.json.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BERT's WordPiece tokenizer in pure Java, reading its vocabulary and settings from a Hugging Face
 * tokenizer.json: basic tokenization ({@link BertBasicTokenizer}), then greedy longest-match
 * WordPiece with the {@code ##} continuation prefix, {@code [UNK]} for a word that is too long or
 * cannot be covered, and {@code [CLS]} ... {@code [SEP]} around the text, truncated on the right.
 *
 * <p>Pure Java on purpose: a native tokenizer library would be extracted at run time into a home
 * directory that may not be writable on the host, and would cost memory. Thread-safe.
 */
public final class WordPieceTokenizer {
  /** Tokens per text, [CLS] and [SEP] included, unless another limit is asked for. */
  public static final int DEFAULT_MAX_TOKENS = 256;

  /** The model's position embeddings end here, so no limit may be larger. */
  public static final int MODEL_MAX_TOKENS = 512;

  private static final String CLS = "[CLS]";
  private static final String SEP = "[SEP]";

  private final Map<String, Integer> vocabulary;
  private final String[] tokensById;
  private final BertBasicTokenizer basic;
  private final String unknownToken;
  private final String continuationPrefix;
  private final int maxCharsPerWord;
  private final int maxTokens;

  private WordPieceTokenizer(
      Map<String, Integer> vocabulary,
      BertBasicTokenizer basic,
      String unknownToken,
      String continuationPrefix,
      int maxCharsPerWord,
      int maxTokens) {
    if (maxTokens < 2 || maxTokens > MODEL_MAX_TOKENS) {
      throw new IllegalArgumentException(
          "maxTokens must be 2 to " + MODEL_MAX_TOKENS + ", not " + maxTokens);
    }
    for (String required : List.of(CLS, SEP, unknownToken)) {
      if (!vocabulary.containsKey(required)) {
        throw new IllegalArgumentException("The vocabulary has no " + required + " token");
      }
    }
    this.vocabulary = vocabulary;
    this.basic = basic;
    this.unknownToken = unknownToken;
    this.continuationPrefix = continuationPrefix;
    this.maxCharsPerWord = maxCharsPerWord;
    this.maxTokens = maxTokens;
    int size = vocabulary.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    this.tokensById = new String[size];
    vocabulary.forEach((token, id) -> tokensById[id] = token);
  }

  /** Reads a WordPiece tokenizer.json (BERT normalizer and pre-tokenizer). */
  public static WordPieceTokenizer fromJson(InputStream json, int maxTokens) throws IOException {
    String text = new String(json.readAllBytes(), StandardCharsets.UTF_8);
    Map<?, ?> root = (Map<?, ?>) JsonText.parse(text);
    Map<?, ?> model = (Map<?, ?>) root.get("model");
    if (model == null || !"WordPiece".equals(model.get("type"))) {
      throw new IllegalArgumentException("Not a WordPiece tokenizer.json");
    }
    Map<String, Integer> vocabulary = new HashMap<>();
    ((Map<?, ?>) model.get("vocab"))
        .forEach((token, id) -> vocabulary.put((String) token, ((Number) id).intValue()));
    Map<?, ?> normalizer = root.get("normalizer") instanceof Map<?, ?> map ? map : null;
    boolean lowercase = normalizer != null && Boolean.TRUE.equals(normalizer.get("lowercase"));
    Object stripAccents = normalizer == null ? null : normalizer.get("strip_accents");
    // As in BERT, accents are stripped when the setting is absent (or null) and the text is
    // lower-cased.
    boolean strip =
        stripAccents == null || stripAccents == JsonText.NULL
            ? lowercase
            : Boolean.TRUE.equals(stripAccents);
    return new WordPieceTokenizer(
        vocabulary,
        new BertBasicTokenizer(lowercase, strip),
        stringOr(model.get("unk_token"), "[UNK]"),
        stringOr(model.get("continuing_subword_prefix"), "##"),
        model.get("max_input_chars_per_word") instanceof Number n ? n.intValue() : 100,
        maxTokens);
  }

  /** Tokens per text, [CLS] and [SEP] included: longer texts are cut on the right. */
  public int maxTokens() {
    return maxTokens;
  }

  public int vocabularySize() {
    return vocabulary.size();
  }

  /** The token ids of {@code text}: [CLS], its word pieces (truncated), [SEP]. */
  public long[] encode(String text) {
    List<String> tokens = tokenize(text);
    long[] ids = new long[tokens.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = vocabulary.get(tokens.get(i));
    }
    return ids;
  }

  /** The tokens of {@code text}: [CLS], its word pieces (truncated), [SEP]. */
  public List<String> tokenize(String text) {
    int room = maxTokens - 2;
    List<String> tokens = new ArrayList<>();
    tokens.add(CLS);
    for (String word : basic.split(text)) {
      // Truncation keeps the first pieces, so the words after the limit need no work.
      if (tokens.size() > room) {
        break;
      }
      addPieces(word, tokens);
    }
    while (tokens.size() > room + 1) {
      tokens.remove(tokens.size() - 1);
    }
    tokens.add(SEP);
    return tokens;
  }

  public String token(int id) {
    return tokensById[id];
  }

  private void addPieces(String word, List<String> tokens) {
    if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
      tokens.add(unknownToken);
      return;
    }
    int mark = tokens.size();
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      String piece = null;
      while (start < end) {
        String candidate = word.substring(start, end);
        if (start > 0) {
          candidate = continuationPrefix + candidate;
        }
        if (vocabulary.containsKey(candidate)) {
          piece = candidate;
          break;
        }
        end = word.offsetByCodePoints(end, -1);
      }
      if (piece == null) {
        // One uncoverable position makes the whole word unknown, as in BERT.
        tokens.subList(mark, tokens.size()).clear();
        tokens.add(unknownToken);
        return;
      }
      tokens.add(piece);
      start = end;
    }
  }

  private static String stringOr(Object value, String fallback) {
    return value instanceof String s ? s : fallback;
  }
}
