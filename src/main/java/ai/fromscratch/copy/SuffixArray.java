package ai.fromscratch.copy;

import java.util.Arrays;

/**
 * The suffixes of a token array in sorted order, so that every place a stretch of tokens occurs is
 * one range of it, found by binary search in O(length log n). Built by prefix doubling with radix
 * sorts (Manber and Myers): O(n log n) whatever the text, repeated records included. Suffixes are
 * compared by the keys of their tokens ({@code keyOf[token]}, at least 0), so tokens that differ
 * only in case or spacing sort and match alike; a suffix ends where the array ends. Holds 4 bytes a
 * token besides the tokens; building takes 12 more for the time it runs.
 */
public final class SuffixArray {
  private final int[] tokens;
  private final int[] keyOf;
  private final int[] suffixes;

  private SuffixArray(int[] tokens, int[] keyOf, int[] suffixes) {
    this.tokens = tokens;
    this.keyOf = keyOf;
    this.suffixes = suffixes;
  }

  public static SuffixArray of(int[] tokens, int[] keyOf) {
    return new SuffixArray(tokens, keyOf, sort(tokens, keyOf));
  }

  /** Wraps a suffix order read back from a file (it must be this array's). */
  public static SuffixArray of(int[] tokens, int[] keyOf, int[] suffixes) {
    if (suffixes.length != tokens.length) {
      throw new IllegalArgumentException("the suffix order is not this text's");
    }
    return new SuffixArray(tokens, keyOf, suffixes);
  }

  public int size() {
    return tokens.length;
  }

  public int token(int position) {
    return tokens[position];
  }

  /** The key of the token at {@code position}. */
  public int key(int position) {
    return keyOf[tokens[position]];
  }

  /** Where the {@code rank}-th suffix in sorted order starts. */
  public int suffix(int rank) {
    return suffixes[rank];
  }

  int[] tokens() {
    return tokens;
  }

  int[] suffixes() {
    return suffixes;
  }

  int[] keyOf() {
    return keyOf;
  }

  /**
   * The ranks {@code [from, to)} of the suffixes whose keys begin with {@code pattern[offset,
   * offset + length)}, packed as {@code from << 32 | to}; from == to when it does not occur.
   */
  public long range(int[] pattern, int offset, int length) {
    int lo = 0;
    int hi = tokens.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(suffixes[mid], pattern, offset, length) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int from = lo;
    hi = tokens.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(suffixes[mid], pattern, offset, length) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return ((long) from << 32) | lo;
  }

  public static int from(long range) {
    return (int) (range >>> 32);
  }

  public static int to(long range) {
    return (int) range;
  }

  /**
   * The suffix at {@code position} against the pattern, looking at the pattern's length only: 0
   * when the suffix begins with it.
   */
  private int compare(int position, int[] pattern, int offset, int length) {
    for (int i = 0; i < length; i++) {
      if (position + i == tokens.length) {
        return -1;
      }
      int difference = Integer.compare(keyOf[tokens[position + i]], pattern[offset + i]);
      if (difference != 0) {
        return difference;
      }
    }
    return 0;
  }

  /** Prefix doubling: sorts by the first 1, 2, 4... tokens until every rank is distinct. */
  private static int[] sort(int[] tokens, int[] keyOf) {
    int n = tokens.length;
    int[] order = new int[n];
    int[] rank = new int[n];
    int[] scratch = new int[n];
    if (n == 0) {
      return order;
    }
    int max = 0;
    for (int i = 0; i < n; i++) {
      int key = keyOf[tokens[i]];
      if (key < 0) {
        throw new IllegalArgumentException("keys must be at least 0");
      }
      max = Math.max(max, key);
      order[i] = i;
      rank[i] = key;
    }
    countingSort(order, scratch, rank, 0, max, n);
    int ranks = rerank(order, rank, scratch, 0, n);
    for (int k = 1; ranks < n; k <<= 1) {
      // Sorted by (rank[i], rank[i + k]): by the second key first, then stably by the first.
      // The suffixes too short for a second key come first, in the order they already have.
      int filled = 0;
      for (int i = n - k; i < n; i++) {
        scratch[filled++] = i;
      }
      for (int i = 0; i < n; i++) {
        if (order[i] >= k) {
          scratch[filled++] = order[i] - k;
        }
      }
      System.arraycopy(scratch, 0, order, 0, n);
      countingSort(order, scratch, rank, 0, ranks - 1, n);
      ranks = rerank(order, rank, scratch, k, n);
    }
    return order;
  }

  /** Stable sort of {@code order} by {@code key[order[i]]}, keys from min to max. */
  private static void countingSort(int[] order, int[] scratch, int[] key, int min, int max, int n) {
    int[] counts = new int[max - min + 2];
    for (int i = 0; i < n; i++) {
      counts[key[order[i]] - min + 1]++;
    }
    for (int i = 1; i < counts.length; i++) {
      counts[i] += counts[i - 1];
    }
    for (int i = 0; i < n; i++) {
      scratch[counts[key[order[i]] - min]++] = order[i];
    }
    System.arraycopy(scratch, 0, order, 0, n);
  }

  /**
   * Gives equal suffixes (equal in their first 2k tokens, k = 0 for the first pass) equal ranks, in
   * sorted order; returns how many distinct ranks there are.
   */
  private static int rerank(int[] order, int[] rank, int[] scratch, int k, int n) {
    scratch[order[0]] = 0;
    int next = 0;
    for (int i = 1; i < n; i++) {
      int a = order[i - 1];
      int b = order[i];
      boolean same =
          rank[a] == rank[b]
              && (k == 0 || (a + k < n ? b + k < n && rank[a + k] == rank[b + k] : b + k >= n));
      scratch[b] = same ? next : ++next;
    }
    System.arraycopy(scratch, 0, rank, 0, n);
    return next + 1;
  }

  @Override
  public String toString() {
    return "SuffixArray" + Arrays.toString(Arrays.copyOf(suffixes, Math.min(10, suffixes.length)));
  }
}
