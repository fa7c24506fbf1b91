package ai.fromscratch.bpe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Learns a {@link BpeTokenizer} from texts fed one at a time ({@link #add}); only the table of
 * distinct words and their counts is kept. Not thread-safe.
 *
 * <p>Training follows Hugging Face's BpeTrainer: the vocabulary starts with the special tokens,
 * then every character seen (in code point order), then every character seen at a word's end with
 * the {@code </w>} suffix; then, until the vocabulary reaches its size, the most frequent adjacent
 * pair is merged, ties going to the pair with the smaller ids (left, then right), stopping early
 * when the best pair occurs fewer than {@code minFrequency} times. Pair counts are updated
 * incrementally from the words each merge touches, with a priority queue whose stale entries are
 * corrected when they surface, so a merge costs time in proportion to the words containing the
 * pair. The result depends only on the word counts, so the same texts always give the same
 * tokenizer.
 */
public final class BpeTrainer {
  private static final int PROGRESS_STEPS = 100;
  private static final long BYTES_PER_DISTINCT_WORD = 320;

  private final BpeTrainingOptions options;
  private final TextPipeline pipeline;
  private final Map<String, long[]> wordCounts = new HashMap<>();
  private long wordTotal;
  private long distinctCharacters;

  public BpeTrainer(BpeTrainingOptions options) {
    this.options = options;
    this.pipeline = new TextPipeline(options.specialTokens(), options.lowercase());
  }

  /** Trains on all the texts in one call. */
  public static BpeTokenizer train(
      Iterable<String> texts,
      BpeTrainingOptions options,
      TrainingProgress progress,
      BooleanSupplier cancelled) {
    BpeTrainer trainer = new BpeTrainer(options);
    for (String text : texts) {
      checkCancelled(cancelled, "while reading the texts");
      trainer.add(text);
    }
    return trainer.train(progress, cancelled);
  }

  public static BpeTokenizer train(Iterable<String> texts, BpeTrainingOptions options) {
    return train(texts, options, TrainingProgress.NONE, () -> false);
  }

  /** Counts the words of one text; special tokens in it are set aside, never learned from. */
  public void add(String text) {
    pipeline.split(
        text,
        false,
        new TextPipeline.Sink() {
          @Override
          public void special(String token, int start, int end) {}

          @Override
          public void word(TextPipeline.Normalized segment, int from, int to) {
            wordCounts
                .computeIfAbsent(segment.text().substring(from, to), BpeTrainer.this::counter)[0]++;
            wordTotal++;
          }
        });
  }

  private long[] counter(String word) {
    distinctCharacters += word.length();
    return new long[1];
  }

  public int distinctWords() {
    return wordCounts.size();
  }

  /**
   * About the most heap training on the words counted so far takes: per distinct word its entry in
   * the counts (string, map entry, counter), then its symbols and its places in the pair table
   * while the merges are learned.
   */
  public long heapBytes() {
    return BYTES_PER_DISTINCT_WORD * wordCounts.size() + 2 * distinctCharacters;
  }

  public long words() {
    return wordTotal;
  }

  public BpeTokenizer train() {
    return train(TrainingProgress.NONE, () -> false);
  }

  /**
   * Learns the merges from the words added so far. {@code cancelled} (and the thread's interrupt
   * flag) is checked before every merge; when set, training stops with a {@link
   * CancellationException}. Progress counts new tokens against the most the vocabulary size allows,
   * about a hundred calls; the last call has {@code done == total}, lower than announced when no
   * pair reaches the minimum frequency any more.
   */
  public BpeTokenizer train(TrainingProgress progress, BooleanSupplier cancelled) {
    return new Run(progress, cancelled).learn();
  }

  private static void checkCancelled(BooleanSupplier cancelled, String when) {
    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
      throw new CancellationException("BPE training cancelled " + when);
    }
  }

  /** A queued pair with the count it had when queued; the highest count comes first. */
  private record Candidate(long count, int left, int right) implements Comparable<Candidate> {
    @Override
    public int compareTo(Candidate other) {
      if (count != other.count) {
        return Long.compare(other.count, count);
      }
      if (left != other.left) {
        return Integer.compare(left, other.left);
      }
      return Integer.compare(right, other.right);
    }
  }

  /** One training run's state. */
  private final class Run {
    private final TrainingProgress progress;
    private final BooleanSupplier cancelled;
    private final List<String> vocabulary = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<Merge> merges = new ArrayList<>();
    private final Set<Long> mergedPairs = new HashSet<>();
    private final PriorityQueue<Candidate> queue = new PriorityQueue<>();
    private int[][] symbols;
    private int[] lengths;
    private long[] counts;
    private int[] seen;
    private PairTable pairs;

    Run(TrainingProgress progress, BooleanSupplier cancelled) {
      this.progress = progress;
      this.cancelled = cancelled;
    }

    BpeTokenizer learn() {
      buildAlphabetAndWords();
      countPairs();
      int initial = vocabulary.size();
      int total = Math.max(0, options.vocabularySize() - initial);
      int step = Math.max(1, (total + PROGRESS_STEPS - 1) / PROGRESS_STEPS);
      int done = 0;
      int stamp = 0;
      progress.merges(0, total);
      while (vocabulary.size() < options.vocabularySize() && !queue.isEmpty()) {
        checkCancelled(cancelled, "after " + done + " of " + total + " merges");
        Candidate top = queue.poll();
        long current = pairs.count(top.left(), top.right());
        if (top.count() != current) {
          if (current > 0) {
            queue.add(new Candidate(current, top.left(), top.right()));
          }
          continue;
        }
        if (current < options.minFrequency()) {
          break;
        }
        merge(top.left(), top.right(), ++stamp);
        // Counted in new tokens: a merge that re-creates an existing token does not advance.
        int learned = vocabulary.size() - initial;
        if (learned != done && learned % step == 0) {
          progress.merges(learned, total);
        }
        done = learned;
      }
      progress.merges(done, done);
      return new BpeTokenizer(vocabulary, merges, options.specialTokens(), options.lowercase());
    }

    private int intern(String token) {
      Integer id = ids.get(token);
      if (id != null) {
        return id;
      }
      ids.put(token, vocabulary.size());
      vocabulary.add(token);
      return vocabulary.size() - 1;
    }

    private void buildAlphabetAndWords() {
      options.specialTokens().forEach(this::intern);
      TreeSet<Integer> characters = new TreeSet<>();
      TreeSet<Integer> finals = new TreeSet<>();
      for (String word : wordCounts.keySet()) {
        word.codePoints().forEach(characters::add);
        finals.add(word.codePointBefore(word.length()));
      }
      for (int c : characters) {
        intern(Character.toString(c));
      }
      for (int c : finals) {
        intern(Character.toString(c) + BpeTokenizer.END_OF_WORD_SUFFIX);
      }
      int n = wordCounts.size();
      symbols = new int[n][];
      lengths = new int[n];
      counts = new long[n];
      seen = new int[n];
      int w = 0;
      for (Map.Entry<String, long[]> entry : wordCounts.entrySet()) {
        String word = entry.getKey();
        int[] spelled = new int[word.codePointCount(0, word.length())];
        int k = 0;
        for (int i = 0; i < word.length(); i += Character.charCount(word.codePointAt(i))) {
          String character = Character.toString(word.codePointAt(i));
          boolean last = k == spelled.length - 1;
          spelled[k++] = ids.get(last ? character + BpeTokenizer.END_OF_WORD_SUFFIX : character);
        }
        symbols[w] = spelled;
        lengths[w] = spelled.length;
        counts[w] = entry.getValue()[0];
        w++;
      }
    }

    private void countPairs() {
      pairs = new PairTable(Math.max(16, symbols.length));
      for (int w = 0; w < symbols.length; w++) {
        int[] word = symbols[w];
        for (int i = 0; i + 1 < lengths[w]; i++) {
          pairs.add(word[i], word[i + 1], counts[w], w);
        }
      }
      for (int slot = 0; slot < pairs.capacity(); slot++) {
        if (pairs.used(slot) && pairs.countAt(slot) > 0) {
          queue.add(new Candidate(pairs.countAt(slot), pairs.left(slot), pairs.right(slot)));
        }
      }
    }

    /** Merges the pair in every word holding it, then queues the pairs that formed. */
    private void merge(int left, int right, int stamp) {
      int merged = intern(vocabulary.get(left) + vocabulary.get(right));
      // A token reached by another route can re-form a pair merged before; HF would list it
      // twice, with the later rank winning. Keep the first rank instead: same words, no duplicate.
      if (mergedPairs.add(PairMap.key(left, right))) {
        merges.add(new Merge(vocabulary.get(left), vocabulary.get(right)));
      }
      int slot = pairs.slot(left, right);
      int[] holders = pairs.words(slot);
      int holderCount = pairs.wordCount(slot);
      List<Long> formed = new ArrayList<>();
      for (int h = 0; h < holderCount; h++) {
        int w = holders[h];
        if (seen[w] == stamp) {
          continue;
        }
        seen[w] = stamp;
        mergeInWord(w, left, right, merged, formed);
      }
      pairs.dropWords(pairs.slot(left, right));
      for (long key : formed) {
        int a = (int) (key >>> 32);
        int b = (int) key;
        int formedSlot = pairs.slot(a, b);
        long count = pairs.countAt(formedSlot);
        if (count > 0 && pairs.mark(formedSlot, stamp)) {
          queue.add(new Candidate(count, a, b));
        }
      }
    }

    /** Replaces each (left, right) in the word, left to right, updating the neighbours' pairs. */
    private void mergeInWord(int w, int left, int right, int merged, List<Long> formed) {
      int[] word = symbols[w];
      int length = lengths[w];
      long count = counts[w];
      int out = 0;
      int i = 0;
      while (i < length) {
        if (i + 1 < length && word[i] == left && word[i + 1] == right) {
          if (out > 0) {
            int before = word[out - 1];
            pairs.add(before, left, -count, w);
            pairs.add(before, merged, count, w);
            formed.add(PairMap.key(before, merged));
          }
          if (i + 2 < length) {
            int after = word[i + 2];
            pairs.add(right, after, -count, w);
            pairs.add(merged, after, count, w);
            formed.add(PairMap.key(merged, after));
          }
          pairs.add(left, right, -count, w);
          word[out++] = merged;
          i += 2;
        } else {
          word[out++] = word[i++];
        }
      }
      lengths[w] = out;
    }
  }
}
