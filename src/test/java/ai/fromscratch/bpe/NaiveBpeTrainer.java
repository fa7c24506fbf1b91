package ai.fromscratch.bpe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The textbook trainer, slow and obviously right: recount every pair before each merge. It takes
 * its starting vocabulary from {@link BpeTrainer} with no merges, and checks the merges learned.
 */
final class NaiveBpeTrainer {
  private NaiveBpeTrainer() {}

  static List<Merge> train(List<String> texts, BpeTrainingOptions options) {
    BpeTokenizer alphabet = BpeTrainer.train(texts, options.withVocabularySize(1));
    List<String> vocabulary = new ArrayList<>(alphabet.vocabulary());
    Map<String, Integer> ids = new HashMap<>();
    for (int id = 0; id < vocabulary.size(); id++) {
      ids.put(vocabulary.get(id), id);
    }
    Map<String, Long> wordCounts = new TreeMap<>();
    TextPipeline pipeline = new TextPipeline(options.specialTokens(), options.lowercase());
    for (String text : texts) {
      pipeline.split(
          text,
          false,
          new TextPipeline.Sink() {
            @Override
            public void special(String token, int start, int end) {}

            @Override
            public void word(TextPipeline.Normalized segment, int from, int to) {
              wordCounts.merge(segment.text().substring(from, to), 1L, Long::sum);
            }
          });
    }
    List<List<Integer>> words = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    wordCounts.forEach(
        (word, count) -> {
          List<Integer> symbols = new ArrayList<>();
          int[] codePoints = word.codePoints().toArray();
          for (int i = 0; i < codePoints.length; i++) {
            String c = Character.toString(codePoints[i]);
            symbols.add(
                ids.get(i == codePoints.length - 1 ? c + BpeTokenizer.END_OF_WORD_SUFFIX : c));
          }
          words.add(symbols);
          counts.add(count);
        });

    List<Merge> merges = new ArrayList<>();
    Set<List<Integer>> merged = new HashSet<>();
    while (vocabulary.size() < options.vocabularySize()) {
      Map<List<Integer>, Long> pairs = new HashMap<>();
      for (int w = 0; w < words.size(); w++) {
        List<Integer> symbols = words.get(w);
        for (int i = 0; i + 1 < symbols.size(); i++) {
          pairs.merge(List.of(symbols.get(i), symbols.get(i + 1)), counts.get(w), Long::sum);
        }
      }
      List<Integer> best = null;
      long bestCount = 0;
      for (Map.Entry<List<Integer>, Long> entry : pairs.entrySet()) {
        List<Integer> pair = entry.getKey();
        long count = entry.getValue();
        if (best == null
            || count > bestCount
            || (count == bestCount
                && (pair.get(0) < best.get(0)
                    || (pair.get(0).equals(best.get(0)) && pair.get(1) < best.get(1))))) {
          best = pair;
          bestCount = count;
        }
      }
      if (best == null || bestCount < options.minFrequency()) {
        break;
      }
      String token = vocabulary.get(best.get(0)) + vocabulary.get(best.get(1));
      Integer id = ids.get(token);
      if (id == null) {
        id = vocabulary.size();
        vocabulary.add(token);
        ids.put(token, id);
      }
      if (merged.add(best)) {
        merges.add(new Merge(vocabulary.get(best.get(0)), vocabulary.get(best.get(1))));
      }
      for (List<Integer> symbols : words) {
        for (int i = 0; i + 1 < symbols.size(); i++) {
          if (symbols.get(i).equals(best.get(0)) && symbols.get(i + 1).equals(best.get(1))) {
            symbols.set(i, id);
            symbols.remove(i + 1);
          }
        }
      }
    }
    return merges;
  }
}
