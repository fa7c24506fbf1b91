package ai.fromscratch.lm;

import java.util.List;

/**
 * Scores sentences exactly as KenLM's query does: from the state {@code <s>}, every word, then
 * {@code </s>}; an unknown word is scored as {@code <unk>} and counted as OOV. Tokens {@code <s>}
 * and {@code </s>} inside the text are skipped, as lmplz skips them when training. Thread-safe.
 */
public final class TextScorer {
  private final NgramModel model;
  private final Vocabulary vocabulary;

  public TextScorer(NgramModel model) {
    this.model = model;
    this.vocabulary = model.vocabulary();
  }

  public SentenceScore score(String[] words) {
    int[] ids = new int[words.length];
    int length = 0;
    for (String word : words) {
      int id = vocabulary.id(word);
      if (id == Vocabulary.UNK || !isMarker(id)) {
        ids[length++] = id;
      }
    }
    return scoreIds(ids, length);
  }

  public SentenceScore score(List<String> words) {
    return score(words.toArray(new String[0]));
  }

  /** Scores word ids (0 for an unknown word) followed by {@code </s>}. */
  public SentenceScore scoreIds(int[] ids, int length) {
    ContextState state = model.sentenceStart();
    ContextState next = model.newState();
    double total = 0;
    double oovTotal = 0;
    int oovs = 0;
    for (int i = 0; i <= length; i++) {
      int word = i < length ? ids[i] : Vocabulary.EOS;
      float log10 = model.score(state, word, next);
      total += log10;
      if (word == Vocabulary.UNK) {
        oovs++;
        oovTotal += log10;
      }
      ContextState swap = state;
      state = next;
      next = swap;
    }
    return new SentenceScore(total, length + 1, oovs, oovTotal);
  }

  public PerplexityReport perplexity(Iterable<String[]> sentences) {
    PerplexityReport.Accumulator accumulator = new PerplexityReport.Accumulator();
    for (String[] sentence : sentences) {
      accumulator.add(score(sentence));
    }
    return accumulator.report();
  }

  private static boolean isMarker(int id) {
    return id == Vocabulary.BOS || id == Vocabulary.EOS;
  }
}
