package ai.fromscratch.copy;

import ai.fromscratch.lm.Candidates;
import ai.fromscratch.lm.GeneratedText;
import ai.fromscratch.lm.Generation;
import ai.fromscratch.lm.IntList;
import ai.fromscratch.lm.NextWordDistribution;
import ai.fromscratch.lm.SamplingOptions;
import ai.fromscratch.lm.StopReason;
import ai.fromscratch.lm.TextGenerator;
import ai.fromscratch.lm.TokenSink;
import ai.fromscratch.lm.Vocabulary;
import ai.fromscratch.lm.WordSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes an answer from two models mixed word by word: the copy model over the passages retrieved
 * for the question (what the owner's data says, in its own words) and the Kneser-Ney model (what
 * reads as the data's language). At temperature 0 it takes the best-supported word each time; with
 * a temperature it samples, as {@code /api/model/generate} does. A copied word keeps the text and
 * spacing of its source, and consecutive copied words become {@link CopiedStretch}es saying where
 * they came from. The copy model matches the answer being written (from its turn marker on): which
 * passage an answer starts from is left to how well each fits the question. A passage's end, or the
 * start of its next turn, ends the answer: the answer never runs on into another record.
 */
public final class AnswerDecoder {
  /** Longest stretch of context matched: more says nothing new about which passage this is. */
  static final int LONGEST_MATCH = 64;

  /** Occurrences of a match read for one step; a short match in a large corpus is cut there. */
  static final int MOST_OCCURRENCES = 4096;

  /** Words of the Kneser-Ney model's unigram rest listed beside its seen continuations. */
  static final int REST_CANDIDATES = 16;

  /** Model words a greedy step considers besides the copies' (see collectModelWords). */
  static final int GREEDY_MODEL_WORDS = 32;

  /** Model words a sampled step without top-k considers besides the copies'. */
  static final int SAMPLED_MODEL_WORDS = 256;

  /** Rounding in the scores' sums is far below it: a near tie is left to the full mix. */
  private static final double DECIDED_MARGIN = 1e-9;

  private final TextGenerator generator;
  private final ModelWords words;
  private final CopyCorpus passages;
  private final CopyCorpus corpus;
  private final double[] fit;
  private final MixWeights weights;
  private final Set<Integer> turnKeys;
  private final Set<Integer> corpusTurnKeys;

  /**
   * @param passages the documents to copy from (may be empty)
   * @param corpus the training corpus, whose stretches may be copied on too (may be empty)
   * @param fit how well each document fits the question (its cosine similarity), by document
   * @param turnMarkers the markers that start a turn: reaching one ends the answer, as its end does
   */
  public AnswerDecoder(
      TextGenerator generator,
      ModelWords words,
      CopyCorpus passages,
      CopyCorpus corpus,
      double[] fit,
      MixWeights weights,
      Set<String> turnMarkers) {
    this.generator = generator;
    this.words = words;
    this.passages = passages;
    this.corpus = corpus;
    this.fit = fit.clone();
    this.weights = weights;
    this.turnKeys = keysOf(passages, turnMarkers);
    this.corpusTurnKeys = keysOf(corpus, turnMarkers);
  }

  private static Set<Integer> keysOf(CopyCorpus corpus, Set<String> markers) {
    Set<Integer> keys = new HashSet<>();
    for (String marker : markers) {
      keys.add(corpus.keyOf(SurfaceTokenizer.key(marker)));
    }
    keys.remove(CopyCorpus.UNSEEN);
    return keys;
  }

  /** The answer and where its copied stretches came from. */
  public record Decoded(Generation generation, List<CopiedStretch> stretches) {}

  /**
   * Continues after {@code prompt} (the model's tokens, such as {@code <user> ... <assistant>}).
   */
  public Decoded decode(List<String> prompt, SamplingOptions options, TokenSink sink) {
    Vocabulary vocabulary = words.vocabulary();
    NextWordDistribution model = generator.newDistribution();
    model.reset();
    IntList context = new IntList();
    IntList corpusContext = new IntList();
    for (String word : prompt) {
      model.append(vocabulary.id(word));
      int key = passages.keyOf(SurfaceTokenizer.key(word));
      if (turnKeys.contains(key)) {
        // Which passage an answer starts from is retrieval's choice (its fit), not that of the
        // question's last words: matching starts afresh at each turn.
        context = new IntList();
      }
      context.add(key);
      corpusContext.add(corpus.keyOf(SurfaceTokenizer.key(word)));
    }
    Step step = new Step(vocabulary, options);
    GeneratedText output = new GeneratedText(options.stopStrings(), sink);
    Stretches stretches = new Stretches();
    SplittableRandom random =
        options.seed() == null ? new SplittableRandom() : new SplittableRandom(options.seed());
    int lastCopied = -1;
    int lastFromCorpus = -1;
    for (int n = 0; n < options.maxTokens(); n++) {
      step.collect(model, context, corpusContext, lastCopied, lastFromCorpus);
      Entry chosen = step.choose(random);
      if (chosen == null || chosen.word == null) {
        return finish(output, stretches, StopReason.END_OF_SENTENCE);
      }
      if (options.stopTokens().contains(chosen.word)) {
        return finish(output, stretches, StopReason.STOP_TOKEN);
      }
      boolean copied = chosen.copyProbability > 0;
      boolean fromCorpus = !copied && chosen.corpusPosition >= 0;
      String piece =
          copied
              ? passages.text(chosen.position)
              : fromCorpus ? corpus.text(chosen.corpusPosition) : output.spaced(chosen.word);
      if (output.length() == 0) {
        piece = atStart(piece);
      }
      if (copied) {
        stretches.copied(output.length(), piece, chosen.position, lastCopied);
      }
      lastCopied = copied ? chosen.position : -1;
      lastFromCorpus = fromCorpus ? chosen.corpusPosition : -1;
      model.append(vocabulary.id(chosen.word));
      String key = SurfaceTokenizer.key(chosen.word);
      context.add(passages.keyOf(key));
      corpusContext.add(corpus.keyOf(key));
      StopReason stop = output.add(chosen.word, piece);
      if (stop != null) {
        return finish(output, stretches, stop);
      }
    }
    return finish(output, stretches, StopReason.MAX_TOKENS);
  }

  /**
   * Whether a copied word of probability {@code first} under the passages wins a greedy step over
   * every other word, the next best of which has {@code second}, whatever the models give: its
   * score is at least λ·first, another's at most λ·second + (1 − λ) (the models' mix is at most 1).
   * Most steps of an answer copied from a passage are so decided, and asking the models for them
   * was most of an answer's time; the answer is the same.
   */
  static boolean copiesDecide(double lambda, double first, double second) {
    return lambda * (first - second) > (1 - lambda) + DECIDED_MARGIN;
  }

  /**
   * A first piece without the white space before it, but for an indent that makes its line code
   * (four spaces or a tab, as the source set it apart).
   */
  static String atStart(String piece) {
    String word = piece.stripLeading();
    String space = piece.substring(0, piece.length() - word.length());
    String indent = space.substring(space.lastIndexOf('\n') + 1);
    return (indent.length() >= 4 || indent.startsWith("\t") ? indent : "") + word;
  }

  private static Decoded finish(GeneratedText output, Stretches stretches, StopReason reason) {
    Generation generation = output.finish(reason);
    return new Decoded(generation, stretches.within(generation.text().length()));
  }

  /** One candidate next word: its probabilities under both models, and its best source. */
  private static final class Entry {
    String word;
    double copyProbability;
    double corpusProbability;
    double modelProbability;
    double score;
    int position = -1;
    double positionWeight = -1;
    int corpusPosition = -1;
  }

  /** The candidates of one step, gathered from both models and mixed. */
  private final class Step {
    private final Vocabulary vocabulary;
    private final SamplingOptions options;
    private final Set<String> excluded;
    private final Map<String, Entry> byKey = new HashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Candidates candidates = new Candidates();
    private final WordSet offered = new WordSet();
    private final KeyTally corpusTally = new KeyTally(MOST_OCCURRENCES);

    Step(Vocabulary vocabulary, SamplingOptions options) {
      this.vocabulary = vocabulary;
      this.options = options;
      this.excluded = options.excludedTokens();
    }

    void collect(
        NextWordDistribution model,
        IntList context,
        IntList corpusContext,
        int lastCopied,
        int lastFromCorpus) {
      byKey.clear();
      entries.clear();
      double lambda = collectCopies(context, lastCopied);
      if (options.temperature() == 0 && copiesDecide(lambda)) {
        // The models' share cannot change the winner: scores that keep the copies' order do.
        for (Entry entry : entries) {
          entry.score = lambda * entry.copyProbability;
        }
        return;
      }
      double corpusLambda = collectCorpus(corpusContext, lastFromCorpus);
      collectModelWords(model);
      for (Entry entry : entries) {
        if (entry.modelProbability == 0) {
          entry.modelProbability =
              model.probability(entry.word == null ? Vocabulary.EOS : vocabulary.id(entry.word));
        }
        double rest =
            corpusLambda * entry.corpusProbability + (1 - corpusLambda) * entry.modelProbability;
        entry.score = lambda * entry.copyProbability + (1 - lambda) * rest;
      }
    }

    /**
     * Whether the passages' most probable next word wins this greedy step whatever the models say
     * (see {@link AnswerDecoder#copiesDecide}); it must not be a word the options exclude.
     */
    private boolean copiesDecide(double lambda) {
      Entry best = null;
      double first = 0;
      double second = 0;
      for (Entry entry : entries) {
        if (entry.copyProbability > first) {
          second = first;
          first = entry.copyProbability;
          best = entry;
        } else if (entry.copyProbability > second) {
          second = entry.copyProbability;
        }
      }
      return best != null
          && (best.word == null || !excluded.contains(best.word))
          && AnswerDecoder.copiesDecide(lambda, first, second);
    }

    /**
     * Adds what follows the longest match of the whole conversation in the training corpus, each
     * occurrence alike; returns its share of what the passages leave.
     */
    private double collectCorpus(IntList context, int lastFromCorpus) {
      CopyCorpus.Match match = corpus.longestMatch(context.toArray(), LONGEST_MATCH);
      int occurrences = Math.min(match.occurrences(), MOST_OCCURRENCES);
      if (match.length() == 0 || occurrences == 0) {
        return 0;
      }
      corpusTally.clear();
      for (int i = 0; i < occurrences; i++) {
        int position = corpus.next(match, i);
        corpusTally.add(corpus.key(position), position, lastFromCorpus + 1);
      }
      for (int k = 0; k < corpusTally.size(); k++) {
        int key = corpusTally.key(k);
        int position = corpusTally.position(k);
        boolean ends = key == CopyCorpus.END || corpusTurnKeys.contains(key);
        Entry entry = entry(ends ? null : corpus.text(position).strip());
        for (int n = corpusTally.count(k); n > 0; n--) {
          entry.corpusProbability += 1.0 / occurrences;
        }
        if (!ends) {
          entry.corpusPosition = position;
        }
      }
      return weights.corpusLambda(match.length());
    }

    /** Adds what follows the longest match in the passages; returns λ for this step. */
    private double collectCopies(IntList context, int lastCopied) {
      CopyCorpus.Match match = passages.longestMatch(context.toArray(), LONGEST_MATCH);
      int occurrences = Math.min(match.occurrences(), MOST_OCCURRENCES);
      if (match.length() == 0 || occurrences == 0) {
        return 0;
      }
      double bestFit = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < occurrences; i++) {
        bestFit = Math.max(bestFit, fit[passages.document(passages.next(match, i))]);
      }
      double total = 0;
      for (int i = 0; i < occurrences; i++) {
        int position = passages.next(match, i);
        double weight = weights.occurrenceWeight(fit[passages.document(position)], bestFit);
        int key = passages.key(position);
        boolean ends = key == CopyCorpus.END || turnKeys.contains(key);
        Entry entry = entry(ends ? null : passages.text(position).strip());
        entry.copyProbability += weight;
        total += weight;
        // Going on with the stretch being copied beats any other source of the same word.
        double preference = position == lastCopied + 1 ? Double.MAX_VALUE : weight;
        if (!ends && preference > entry.positionWeight) {
          entry.position = position;
          entry.positionWeight = preference;
        }
      }
      for (Entry entry : entries) {
        entry.copyProbability /= total;
      }
      return weights.lambda(match.length(), bestFit);
    }

    /**
     * Adds the model's most probable words. Only they can win a step without the copies' support
     * (the copies' own words get their model probability separately), so the long tail the model
     * offers after a common word (thousands of words) is left out: at temperature 0 the answer is
     * the same, and sampling leaves out words too improbable to matter.
     */
    private void collectModelWords(NextWordDistribution model) {
      model.rewind();
      offered.clear();
      offered.add(Vocabulary.UNK);
      candidates.clear();
      while (model.offerNextLevel(candidates, offered)) {
        // every level's words go into the one list
      }
      model.offerMostProbable(REST_CANDIDATES, candidates, offered);
      for (int i : mostProbable(modelWordsKept())) {
        int id = candidates.word(i);
        Entry entry = id == Vocabulary.EOS ? entry(null, "") : entry(words.word(id), words.key(id));
        entry.modelProbability = candidates.probability(i);
      }
    }

    private int modelWordsKept() {
      if (options.temperature() == 0) {
        return GREEDY_MODEL_WORDS;
      }
      return options.topK() > 0
          ? Math.max(options.topK(), GREEDY_MODEL_WORDS)
          : SAMPLED_MODEL_WORDS;
    }

    /** The indices of the {@code limit} most probable candidates (all, when there are fewer). */
    private int[] mostProbable(int limit) {
      int size = candidates.size();
      if (size <= limit) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
          all[i] = i;
        }
        return all;
      }
      PriorityQueue<Integer> kept =
          new PriorityQueue<>(
              limit + 1,
              (a, b) -> Double.compare(candidates.probability(a), candidates.probability(b)));
      for (int i = 0; i < size; i++) {
        if (kept.size() < limit) {
          kept.add(i);
        } else if (candidates.probability(i) > candidates.probability(kept.peek())) {
          kept.poll();
          kept.add(i);
        }
      }
      return kept.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The entry of a word (null for the end), made on first sight; words are matched by key. */
    private Entry entry(String word) {
      return entry(word, word == null ? "" : SurfaceTokenizer.key(word));
    }

    private Entry entry(String word, String key) {
      Entry entry = byKey.get(key);
      if (entry == null) {
        entry = new Entry();
        entry.word = word;
        byKey.put(key, entry);
        entries.add(entry);
      }
      return entry;
    }

    /** The best-supported word at temperature 0, else a draw as the options shape it. */
    Entry choose(SplittableRandom random) {
      entries.removeIf(entry -> entry.word != null && excluded.contains(entry.word));
      if (entries.isEmpty()) {
        return null;
      }
      entries.sort((a, b) -> Double.compare(b.score, a.score));
      if (options.temperature() == 0) {
        return entries.get(0);
      }
      int kept = options.topK() > 0 ? Math.min(options.topK(), entries.size()) : entries.size();
      double[] tempered = new double[kept];
      double total = 0;
      double best = entries.get(0).score;
      for (int i = 0; i < kept; i++) {
        tempered[i] = Math.pow(entries.get(i).score / best, 1 / options.temperature());
        total += tempered[i];
      }
      double cumulative = 0;
      int prefix = 0;
      while (prefix < kept && cumulative < options.topP() * total) {
        cumulative += tempered[prefix++];
      }
      double target = random.nextDouble() * cumulative;
      for (int i = 0; i < prefix; i++) {
        target -= tempered[i];
        if (target < 0) {
          return entries.get(i);
        }
      }
      return entries.get(0);
    }
  }

  /** The copied stretches, grown token by token. */
  private final class Stretches {
    private final List<CopiedStretch> list = new ArrayList<>();

    void copied(int answerAt, String piece, int position, int lastCopied) {
      String text = passages.text(position);
      int space = piece.length() - piece.stripLeading().length();
      int sourceStart = passages.offset(position) + text.length() - piece.length() + space;
      int sourceEnd = passages.offset(position) + text.length();
      int document = passages.document(position);
      int part = passages.part(position);
      CopiedStretch last = list.isEmpty() ? null : list.get(list.size() - 1);
      if (last != null
          && position == lastCopied + 1
          && last.document() == document
          && last.part() == part) {
        list.set(
            list.size() - 1,
            new CopiedStretch(
                last.answerStart(),
                answerAt + piece.length(),
                document,
                part,
                last.sourceStart(),
                sourceEnd));
      } else {
        list.add(
            new CopiedStretch(
                answerAt + space,
                answerAt + piece.length(),
                document,
                part,
                sourceStart,
                sourceEnd));
      }
    }

    /** The stretches cut to the answer's final length (a stop string may have cut it). */
    List<CopiedStretch> within(int length) {
      List<CopiedStretch> kept = new ArrayList<>();
      for (CopiedStretch stretch : list) {
        if (stretch.answerStart() >= length) {
          break;
        }
        int cut = Math.max(0, stretch.answerEnd() - length);
        kept.add(
            new CopiedStretch(
                stretch.answerStart(),
                stretch.answerEnd() - cut,
                stretch.document(),
                stretch.part(),
                stretch.sourceStart(),
                stretch.sourceEnd() - cut));
      }
      return List.copyOf(kept);
    }
  }
}
