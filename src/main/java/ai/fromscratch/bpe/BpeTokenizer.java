package ai.fromscratch.bpe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A trained byte-pair-encoding tokenizer, immutable and safe to share between threads. Its pipeline
 * is the one Hugging Face tokenizers runs from the tokenizer.json {@link TokenizerJsonWriter}
 * writes, so both give the same ids for any text:
 *
 * <ol>
 *   <li>Special tokens are matched whole in the raw text (leftmost, then longest match), before any
 *       normalization, and become their own id (HF: {@code added_tokens}, {@code special: true,
 *       normalized: false}).
 *   <li>The rest is NFC-normalized, then optionally lower-cased code point by code point (HF:
 *       {@code Sequence[NFC, Lowercase]}).
 *   <li>It is split into words and single punctuation marks exactly as {@code
 *       ai.fromscratch.lm.WordTokenizer} does ({@code \w+|[^\w\s]} with Python's Unicode meaning),
 *       whitespace dropped (HF: a {@code Split} pre-tokenizer on that regex, {@code Removed} and
 *       {@code invert}).
 *   <li>Each word is spelled in characters, its last one carrying the suffix {@code </w>}, and the
 *       learned merges are applied lowest rank first, leftmost first among equal ranks; a character
 *       not in the vocabulary becomes {@code <unk>} (HF: model {@code BPE} with {@code
 *       end_of_word_suffix}, {@code unk_token}, no byte fallback, unknowns not fused).
 * </ol>
 *
 * <p>Why this pipeline: the product is word-level (the n-gram model counts the words of {@code
 * lm.WordTokenizer}), so BPE tokens never cross a word boundary and a word's tokens join back into
 * the word; the end-of-word suffix lets {@link #decode} restore word boundaries (HF: {@code
 * BPEDecoder}), and tokens stay readable ("café</w>"), unlike byte-level BPE's byte alphabet. The
 * cost is {@code <unk>} for characters never seen in training, which byte-level BPE would avoid.
 */
public final class BpeTokenizer {
  public static final String UNKNOWN = "<unk>";
  public static final String END_OF_WORD_SUFFIX = "</w>";
  private static final int CACHE_CAPACITY = 10_000;
  private static final int CACHE_MAX_WORD_LENGTH = 64;

  private final List<String> vocabulary;
  private final Map<String, Integer> ids;
  private final List<Merge> merges;
  private final List<String> specialTokens;
  private final Set<Integer> specialIds;
  private final boolean lowercase;
  private final int unknownId;
  private final PairMap mergeRanks;
  private final int[] mergeResults;
  private final TextPipeline pipeline;
  // Words repeat; their tokens are cached as ids followed by character lengths, like HF's cache.
  // Only short words, so that a flood of long unique words cannot hold much memory.
  private final Map<String, int[]> cache = new ConcurrentHashMap<>();

  /**
   * A tokenizer from its vocabulary in id order, merges in rank order, special tokens (all in the
   * vocabulary, {@code <unk>} among them) and lower-casing. Every merge's parts and result must be
   * in the vocabulary; a pair merged twice keeps its last rank, as Hugging Face does.
   */
  public BpeTokenizer(
      List<String> vocabulary, List<Merge> merges, List<String> specialTokens, boolean lowercase) {
    this.vocabulary = List.copyOf(vocabulary);
    this.merges = List.copyOf(merges);
    this.specialTokens = List.copyOf(specialTokens);
    this.lowercase = lowercase;
    this.ids = new HashMap<>(this.vocabulary.size() * 2);
    for (int id = 0; id < this.vocabulary.size(); id++) {
      String token = this.vocabulary.get(id);
      if (token.isEmpty()) {
        throw new IllegalArgumentException("empty token in the vocabulary at id " + id);
      }
      if (ids.putIfAbsent(token, id) != null) {
        throw new IllegalArgumentException("duplicate token in the vocabulary: " + token);
      }
    }
    this.specialIds = new HashSet<>();
    for (String token : this.specialTokens) {
      if (!specialIds.add(requireToken(token, "special token"))) {
        throw new IllegalArgumentException("duplicate special token: " + token);
      }
    }
    if (!this.specialTokens.contains(UNKNOWN)) {
      throw new IllegalArgumentException("the special tokens must include " + UNKNOWN);
    }
    this.unknownId = ids.get(UNKNOWN);
    this.mergeRanks = new PairMap(this.merges.size());
    this.mergeResults = new int[this.merges.size()];
    for (int rank = 0; rank < this.merges.size(); rank++) {
      Merge merge = this.merges.get(rank);
      int left = requireToken(merge.left(), "merge part");
      int right = requireToken(merge.right(), "merge part");
      mergeResults[rank] = requireToken(merge.merged(), "merge result");
      mergeRanks.put(left, right, rank);
    }
    this.pipeline = new TextPipeline(this.specialTokens, lowercase);
  }

  private int requireToken(String token, String role) {
    Integer id = ids.get(token);
    if (id == null) {
      throw new IllegalArgumentException(role + " not in the vocabulary: " + token);
    }
    return id;
  }

  /** The tokens of the text, with their ids and the span of the text each came from. */
  public Encoding encode(String text) {
    List<String> tokens = new ArrayList<>();
    IntList idList = new IntList();
    IntList starts = new IntList();
    IntList ends = new IntList();
    pipeline.split(
        text,
        true,
        new TextPipeline.Sink() {
          @Override
          public void special(String token, int start, int end) {
            idList.add(ids.get(token));
            tokens.add(token);
            starts.add(start);
            ends.add(end);
          }

          @Override
          public void word(TextPipeline.Normalized segment, int from, int to) {
            int[] pieces = tokenizeWord(segment.text().substring(from, to));
            int count = pieces.length / 2;
            int position = from;
            for (int i = 0; i < count; i++) {
              int id = pieces[i];
              int length = pieces[count + i];
              idList.add(id);
              tokens.add(vocabulary.get(id));
              starts.add(segment.starts()[position]);
              ends.add(segment.ends()[position + length - 1]);
              position += length;
            }
          }
        });
    return new Encoding(idList.toArray(), tokens, starts.toArray(), ends.toArray());
  }

  /** The ids of the text's tokens; same as {@code encode(text).ids()} without the rest. */
  public int[] encodeToIds(String text) {
    IntList idList = new IntList();
    pipeline.split(
        text,
        false,
        new TextPipeline.Sink() {
          @Override
          public void special(String token, int start, int end) {
            idList.add(ids.get(token));
          }

          @Override
          public void word(TextPipeline.Normalized segment, int from, int to) {
            int[] pieces = tokenizeWord(segment.text().substring(from, to));
            for (int i = 0; i < pieces.length / 2; i++) {
              idList.add(pieces[i]);
            }
          }
        });
    return idList.toArray();
  }

  /**
   * The text of the ids as Hugging Face's BPEDecoder gives it: tokens joined, each {@code </w>} but
   * the last turned into a space, so words come back separated by single spaces ("it ' s ."),
   * lower-cased if the tokenizer lower-cases, special tokens kept and {@code <unk>} shown as such.
   */
  public String decode(int[] tokenIds) {
    return decode(tokenIds, false);
  }

  /** As {@link #decode(int[])}, leaving special tokens out when asked. */
  public String decode(int[] tokenIds, boolean skipSpecialTokens) {
    List<String> kept = new ArrayList<>(tokenIds.length);
    for (int id : tokenIds) {
      if (id < 0 || id >= vocabulary.size()) {
        throw new IllegalArgumentException(
            "token id " + id + " outside the vocabulary of " + vocabulary.size());
      }
      if (!skipSpecialTokens || !specialIds.contains(id)) {
        kept.add(vocabulary.get(id));
      }
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < kept.size(); i++) {
      text.append(kept.get(i).replace(END_OF_WORD_SUFFIX, i == kept.size() - 1 ? "" : " "));
    }
    return text.toString();
  }

  /**
   * The word's token ids followed by each token's length in chars. Merges are applied as HF's BPE
   * model does: a queue of (rank, position) over adjacent pairs, stale entries skipped when the
   * pair at that position no longer yields the queued result.
   */
  private int[] tokenizeWord(String word) {
    int[] cached = cache.get(word);
    if (cached != null) {
      return cached;
    }
    int n = word.codePointCount(0, word.length());
    int[] symbols = new int[n];
    int[] lengths = new int[n];
    int count = 0;
    for (int i = 0; i < word.length(); ) {
      int width = Character.charCount(word.codePointAt(i));
      boolean last = i + width == word.length();
      String character = word.substring(i, i + width);
      Integer id = ids.get(last ? character + END_OF_WORD_SUFFIX : character);
      symbols[count] = id == null ? unknownId : id;
      lengths[count] = width;
      count++;
      i += width;
    }
    int[] next = new int[count];
    int[] previous = new int[count];
    for (int i = 0; i < count; i++) {
      previous[i] = i - 1;
      next[i] = i + 1 < count ? i + 1 : -1;
    }
    PriorityQueue<Long> queue = new PriorityQueue<>();
    for (int i = 0; i + 1 < count; i++) {
      offer(queue, symbols[i], symbols[i + 1], i);
    }
    while (!queue.isEmpty()) {
      long top = queue.poll();
      int rank = (int) (top >>> 32);
      int position = (int) top;
      if (lengths[position] == 0 || next[position] == -1) {
        continue;
      }
      int right = next[position];
      int currentRank = mergeRanks.get(symbols[position], symbols[right]);
      if (currentRank < 0 || mergeResults[currentRank] != mergeResults[rank]) {
        continue;
      }
      symbols[position] = mergeResults[rank];
      lengths[position] += lengths[right];
      lengths[right] = 0;
      next[position] = next[right];
      if (next[right] != -1) {
        previous[next[right]] = position;
      }
      if (previous[position] != -1) {
        offer(queue, symbols[previous[position]], symbols[position], previous[position]);
      }
      if (next[position] != -1) {
        offer(queue, symbols[position], symbols[next[position]], position);
      }
    }
    IntList pieces = new IntList();
    IntList pieceLengths = new IntList();
    for (int i = 0; i != -1 && count > 0; i = next[i]) {
      pieces.add(symbols[i]);
      pieceLengths.add(lengths[i]);
    }
    int[] result = Arrays.copyOf(pieces.toArray(), pieces.size() * 2);
    System.arraycopy(pieceLengths.toArray(), 0, result, pieces.size(), pieces.size());
    if (word.length() <= CACHE_MAX_WORD_LENGTH && cache.size() < CACHE_CAPACITY) {
      cache.put(word, result);
    }
    return result;
  }

  private void offer(PriorityQueue<Long> queue, int left, int right, int position) {
    int rank = mergeRanks.get(left, right);
    if (rank >= 0) {
      queue.add(((long) rank << 32) | position);
    }
  }

  /** The number of tokens, special tokens included; ids run from 0 to size - 1. */
  public int size() {
    return vocabulary.size();
  }

  /** The tokens in id order. */
  public List<String> vocabulary() {
    return vocabulary;
  }

  public String token(int id) {
    return vocabulary.get(id);
  }

  /** The id of the token, or -1 when it is not in the vocabulary. */
  public int id(String token) {
    return ids.getOrDefault(token, -1);
  }

  public List<Merge> merges() {
    return merges;
  }

  public List<String> specialTokens() {
    return specialTokens;
  }

  public boolean isSpecial(int id) {
    return specialIds.contains(id);
  }

  public boolean lowercase() {
    return lowercase;
  }

  public int unknownId() {
    return unknownId;
  }

  /** Same vocabulary, merges, special tokens and lower-casing. */
  @Override
  public boolean equals(Object other) {
    return other instanceof BpeTokenizer that
        && lowercase == that.lowercase
        && vocabulary.equals(that.vocabulary)
        && merges.equals(that.merges)
        && specialTokens.equals(that.specialTokens);
  }

  @Override
  public int hashCode() {
    return vocabulary.hashCode() * 31 + merges.hashCode();
  }

  @Override
  public String toString() {
    return "BpeTokenizer[" + vocabulary.size() + " tokens, " + merges.size() + " merges]";
  }
}
