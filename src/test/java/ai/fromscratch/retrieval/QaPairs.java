package ai.fromscratch.retrieval;

import ai.fromscratch.json.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The question/answer pairs of src/test/resources/retrieval/qa-pairs.jsonl. */
record QaPairs(long id, String question, String answer, String paraphrase) {
  static List<QaPairs> load() {
    try (InputStream in = QaPairs.class.getResourceAsStream("/retrieval/qa-pairs.jsonl")) {
      List<QaPairs> pairs = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        Map<?, ?> json = (Map<?, ?>) JsonText.parse(line);
        pairs.add(
            new QaPairs(
                ((Number) json.get("id")).longValue(),
                (String) json.get("question"),
                (String) json.get("answer"),
                (String) json.get("paraphrase")));
      }
      return pairs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An in-memory index of every pair's question and answer passages, dataset 1. */
  static PassageIndex index(SentenceEmbedder embedder, List<QaPairs> pairs) {
    PassageIndex index = PassageIndex.inMemory(embedder.model().canonicalName());
    List<Passage> passages = new ArrayList<>();
    for (QaPairs pair : pairs) {
      passages.addAll(
          Passage.ofChatPair(1, pair.id(), pair.question(), pair.answer(), Chunker.withDefaults()));
    }
    new PassageIndexer(embedder, index).addAll(passages, 32, done -> {});
    return index;
  }
}
