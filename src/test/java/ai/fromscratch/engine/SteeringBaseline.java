package ai.fromscratch.engine;

import ai.fromscratch.dataset.Turn;
import ai.fromscratch.lm.DiscountException;
import ai.fromscratch.lm.EstimationOptions;
import ai.fromscratch.lm.KneserNeyEstimator;
import ai.fromscratch.lm.MixedDistribution;
import ai.fromscratch.lm.NextWordDistribution;
import ai.fromscratch.lm.NgramModel;
import ai.fromscratch.lm.ProgressListener;
import ai.fromscratch.lm.TextGenerator;
import ai.fromscratch.lm.WordTokenizer;
import ai.fromscratch.retrieval.Passage;
import ai.fromscratch.retrieval.SearchHit;
import ai.fromscratch.retrieval.StopWords;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The previous version's answers, kept as a baseline the benchmarks measure the copy model against:
 * how retrieved passages steered the n-gram model before it. The seed only prepended them to the
 * prompt, which an n-gram model barely notices (it sees its last few words); so a small model is
 * also estimated from the passages (a question with its answer as one chat sentence) and mixed into
 * the main model while generating: p = (1 - λ) p_main + λ p_passages. A question close to one in
 * the data then gets an answer close to that data's answer.
 */
public final class SteeringBaseline {
  /** Extra times a passage sentence counts for each distinctive question word it holds. */
  static final int EXTRA_COPIES_PER_SHARED_WORD = 2;

  /** The weight of the passages' model, the previous default of RAG_CONTEXT_WEIGHT. */
  static final double WEIGHT = 0.6;

  private SteeringBaseline() {}

  /**
   * The main model's distribution, steered by the hits (plain when there are none).
   *
   * <p>The passages' sentences count more when they hold the question's distinctive words (those in
   * fewer than half of them): the retrieved records are often all about the right thing, and the
   * sentence that answers what was asked is the one sharing the asked-about word.
   */
  public static NextWordDistribution distribution(
      ActiveModel model, String question, List<SearchHit> hits, double weight) {
    NextWordDistribution main = model.generator().newDistribution();
    if (hits.isEmpty() || weight == 0) {
      return main;
    }
    List<List<String>> candidates = new ArrayList<>();
    for (SearchHit hit : hits) {
      candidates.addAll(ChatFormat.sentences(turns(hit), model.tokenizer()));
    }
    if (candidates.isEmpty()) {
      return main;
    }
    Set<String> distinctive = distinctiveWords(question, candidates, model.tokenizer());
    List<String[]> sentences = new ArrayList<>();
    for (List<String> sentence : candidates) {
      long shared = sentence.stream().distinct().filter(distinctive::contains).count();
      for (long copy = 0; copy < 1 + EXTRA_COPIES_PER_SHARED_WORD * shared; copy++) {
        sentences.add(sentence.toArray(String[]::new));
      }
    }
    NgramModel passages;
    try {
      passages =
          new KneserNeyEstimator(
                  EstimationOptions.ofOrder(model.model().order()).withDiscountFallback(true))
              .estimate(sentences, ProgressListener.NONE)
              .model();
    } catch (DiscountException | IllegalArgumentException e) {
      return main;
    }
    return new MixedDistribution(
        main,
        model.model().vocabulary(),
        new TextGenerator(passages, model.tokenizer()).newDistribution(),
        passages.vocabulary(),
        weight);
  }

  /**
   * The question's content words (not function words) found in fewer than half of the sentences.
   */
  static Set<String> distinctiveWords(
      String question, List<List<String>> sentences, WordTokenizer tokenizer) {
    Set<String> distinctive = new HashSet<>();
    for (String word : tokenizer.tokenize(question)) {
      if (!Character.isLetterOrDigit(word.codePointAt(0)) || StopWords.contains(word)) {
        continue;
      }
      long holding = sentences.stream().filter(s -> s.contains(word)).count();
      if (holding > 0 && holding * 2 < sentences.size()) {
        distinctive.add(word);
      }
    }
    return distinctive;
  }

  /** The passages' words to put before the prompt, as the seed did, up to {@code maxChars}. */
  public static List<String> contextTokens(
      List<SearchHit> hits, WordTokenizer tokenizer, int maxChars) {
    List<String> tokens = new ArrayList<>();
    int chars = 0;
    for (SearchHit hit : hits) {
      String text = hit.answer() == null ? hit.text() : hit.text() + " " + hit.answer();
      if (chars + text.length() > maxChars) {
        break;
      }
      chars += text.length();
      tokens.addAll(tokenizer.tokenize(text));
    }
    return tokens;
  }

  /** A hit as turns: a question with its answer, an answer alone, or a text. */
  static List<Turn> turns(SearchHit hit) {
    return switch (hit.kind()) {
      case Passage.QUESTION ->
          hit.answer() == null
              ? List.of(new Turn(Turn.USER, hit.text()))
              : List.of(new Turn(Turn.USER, hit.text()), new Turn(Turn.ASSISTANT, hit.answer()));
      case Passage.ANSWER -> List.of(new Turn(Turn.ASSISTANT, hit.text()));
      default -> List.of(new Turn(Turn.TEXT, hit.text()));
    };
  }
}
