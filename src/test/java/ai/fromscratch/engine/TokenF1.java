package ai.fromscratch.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Token F1 of an answer against a reference, with SQuAD's normalisation (its evaluation script's
 * {@code normalize_answer}): lower case, punctuation removed, the articles a, an and the removed,
 * white space collapsed; then the overlap of the two bags of words.
 */
final class TokenF1 {
  private static final Pattern PUNCTUATION =
      Pattern.compile("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");
  private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");

  private TokenF1() {}

  static double of(String answer, String reference) {
    List<String> candidate = normalized(answer);
    List<String> gold = normalized(reference);
    if (candidate.isEmpty() || gold.isEmpty()) {
      return candidate.equals(gold) ? 1 : 0;
    }
    Map<String, Integer> counts = new HashMap<>();
    gold.forEach(word -> counts.merge(word, 1, Integer::sum));
    int common = 0;
    for (String word : candidate) {
      Integer left = counts.get(word);
      if (left != null && left > 0) {
        counts.put(word, left - 1);
        common++;
      }
    }
    if (common == 0) {
      return 0;
    }
    double precision = (double) common / candidate.size();
    double recall = (double) common / gold.size();
    return 2 * precision * recall / (precision + recall);
  }

  static List<String> normalized(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    String bare = ARTICLES.matcher(PUNCTUATION.matcher(lower).replaceAll("")).replaceAll(" ");
    return Arrays.stream(bare.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
  }
}
