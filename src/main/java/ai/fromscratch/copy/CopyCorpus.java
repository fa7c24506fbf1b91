package ai.fromscratch.copy;

import ai.fromscratch.lm.IntList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents (the records an answer may copy from) as one token array with its {@link SuffixArray}.
 * Each document is a run of tokens ending in {@link #END}; turn markers such as the chat's {@code
 * <assistant>} are tokens without text. Given a context, it finds the longest stretch ending the
 * context that occurs in some document, and lists what follows each occurrence: the unbounded
 * n-gram of infini-gram. Each token remembers its document, which text of it and where, so a copied
 * stretch can say where it came from.
 */
public final class CopyCorpus {
  /** The key of a document's end: matches never run across it. */
  public static final int END = 0;

  /** A key no document holds: a context word the corpus has never seen. */
  public static final int UNSEEN = -1;

  private final SuffixArray array;
  private final String[] texts;
  private final Map<String, Integer> keys;
  private final int[] documentStarts;
  private final int[] parts;
  private final int[] offsets;

  private CopyCorpus(
      SuffixArray array,
      String[] texts,
      Map<String, Integer> keys,
      int[] documentStarts,
      int[] parts,
      int[] offsets) {
    this.array = array;
    this.texts = texts;
    this.keys = keys;
    this.documentStarts = documentStarts;
    this.parts = parts;
    this.offsets = offsets;
  }

  /** A corpus of no document: nothing to copy. */
  public static CopyCorpus empty() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder(true);
  }

  /** A builder for a large corpus whose copied words need not say where they came from. */
  public static Builder builderWithoutSources() {
    return new Builder(false);
  }

  /** The key id of a word's key (see {@link SurfaceTokenizer#key}), or {@link #UNSEEN}. */
  public int keyOf(String key) {
    return keys.getOrDefault(key, UNSEEN);
  }

  public int size() {
    return array.size();
  }

  public int documents() {
    return documentStarts.length;
  }

  /** The key at a position ({@link #END} at a document's end). */
  public int key(int position) {
    return array.key(position);
  }

  /** The token's text at a position, with the white space before it; empty for markers. */
  public String text(int position) {
    return texts[array.token(position)];
  }

  /** The document a position is in, numbered in the order they were added. */
  public int document(int position) {
    int found = Arrays.binarySearch(documentStarts, position);
    return found >= 0 ? found : -found - 2;
  }

  /**
   * Which text of its document (as numbered when added) the token at a position comes from; -1 in a
   * corpus built without sources.
   */
  public int part(int position) {
    return parts == null ? -1 : parts[position];
  }

  /** Where the token at a position (its white space included) starts in its text. */
  public int offset(int position) {
    return offsets == null ? 0 : offsets[position];
  }

  /**
   * The longest stretch ending {@code context} (key ids) that occurs and is followed by a token, at
   * most {@code maxLength} long; a match of length 0 when not even the last key occurs.
   */
  public Match longestMatch(int[] context, int maxLength) {
    int longest = Math.min(maxLength, context.length);
    // Occurrence is monotone in the length (a stretch that occurs has every shorter end occur
    // too), so the longest length is found by binary search over lengths.
    int lo = 0;
    long best = 0;
    int hi = longest;
    while (lo < hi) {
      int length = (lo + hi + 1) >>> 1;
      long range = followedRange(context, length);
      if (SuffixArray.from(range) < SuffixArray.to(range)) {
        lo = length;
        best = range;
      } else {
        hi = length - 1;
      }
    }
    return new Match(lo, lo == 0 ? 0 : SuffixArray.from(best), lo == 0 ? 0 : SuffixArray.to(best));
  }

  private long followedRange(int[] context, int length) {
    int offset = context.length - length;
    for (int i = offset; i < context.length; i++) {
      if (context[i] < 0) {
        return 0;
      }
    }
    return array.range(context, offset, length);
  }

  /**
   * Where the {@code index}-th occurrence of a match is followed: the position of the next token.
   */
  public int next(Match match, int index) {
    return array.suffix(match.from() + index) + match.length();
  }

  /**
   * A stretch found in the corpus: {@code length} tokens long, occurring at the suffix ranks {@code
   * [from, to)}.
   */
  public record Match(int length, int from, int to) {
    public int occurrences() {
      return to - from;
    }
  }

  /** Bytes a corpus of this many tokens and token texts takes, about. */
  static long bytesFor(long tokens, long texts) {
    return 8 * tokens + 96 * texts;
  }

  /** Writes the corpus, without sources, for {@link CopyCorpusFile}. */
  void writeTo(DataOutputStream out) throws IOException {
    CopyCorpusFile.header(out);
    String[] keyNames = new String[keys.size()];
    keys.forEach((key, id) -> keyNames[id] = key);
    out.writeInt(keyNames.length);
    for (String key : keyNames) {
      out.writeUTF(key);
    }
    out.writeInt(texts.length);
    for (String text : texts) {
      out.writeUTF(text);
    }
    CopyCorpusFile.writeInts(out, array.keyOf());
    CopyCorpusFile.writeInts(out, array.tokens());
    CopyCorpusFile.writeInts(out, array.suffixes());
    CopyCorpusFile.writeInts(out, documentStarts);
  }

  /** Reads what {@link #writeTo} wrote, refusing counts beyond {@code memoryBudget} bytes. */
  static CopyCorpus readFrom(DataInputStream in, long memoryBudget, String source)
      throws IOException {
    CopyCorpusFile.checkHeader(in, source);
    String[] keyNames = readStrings(in, memoryBudget, source);
    String[] texts = readStrings(in, memoryBudget, source);
    int[] keyOf = readInts(in, texts.length, source);
    int tokenCount = in.readInt();
    if (tokenCount < 0 || bytesFor(tokenCount, texts.length) > memoryBudget) {
      throw new IOException(
          String.format(
              "%s: a copy corpus of %,d tokens needs about %d MB of memory, and %d MB can be"
                  + " spared",
              source, tokenCount, bytesFor(tokenCount, texts.length) >> 20, memoryBudget >> 20));
    }
    int[] tokens = CopyCorpusFile.readInts(in, tokenCount);
    int[] suffixes = readInts(in, tokenCount, source);
    int[] documentStarts = readInts(in, tokenCount, source);
    return new CopyCorpus(
        SuffixArray.of(tokens, keyOf, suffixes),
        texts,
        CopyCorpusFile.keyIds(keyNames),
        documentStarts,
        null,
        null);
  }

  private static String[] readStrings(DataInputStream in, long memoryBudget, String source)
      throws IOException {
    int count = in.readInt();
    if (count < 0 || 96L * count > memoryBudget) {
      throw new IOException(source + ": " + count + " token texts do not fit in memory");
    }
    String[] strings = new String[count];
    for (int i = 0; i < count; i++) {
      strings[i] = in.readUTF();
    }
    return strings;
  }

  /** An array of at most {@code limit} ints, its length read first. */
  private static int[] readInts(DataInputStream in, int limit, String source) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > limit) {
      throw new IOException(source + ": damaged copy corpus (an array of " + length + ")");
    }
    return CopyCorpusFile.readInts(in, length);
  }

  /**
   * Adds documents one by one, then builds the corpus. A corpus without sources keeps no part or
   * offset per token (4 bytes a token less twice over): its words can be copied but not traced.
   */
  public static final class Builder {
    private final Map<String, Integer> texts = new HashMap<>();
    private final List<String> textList = new ArrayList<>();
    private final Map<String, Integer> keys = new HashMap<>();
    private final List<Integer> keyOfText = new ArrayList<>();
    private final IntList tokens = new IntList();
    private final IntList parts;
    private final IntList offsets;
    private final IntList documentStarts = new IntList();
    private boolean inDocument;

    Builder(boolean withSources) {
      parts = withSources ? new IntList() : null;
      offsets = withSources ? new IntList() : null;
      token("", "\u0000end");
    }

    /** Adds a marker (a turn marker such as {@code <assistant>}) to the current document. */
    public Builder marker(String marker) {
      start();
      append(token("", marker), -1, 0);
      return this;
    }

    /** Adds a text's tokens to the current document, as part {@code part} of it. */
    public Builder text(String text, int part) {
      start();
      for (SurfaceToken token : SurfaceTokenizer.tokenize(text)) {
        append(token(token.text(), SurfaceTokenizer.key(token.word())), part, token.start());
      }
      return this;
    }

    /** Ends the current document. */
    public Builder end() {
      if (inDocument) {
        append(END, -1, 0);
        inDocument = false;
      }
      return this;
    }

    public CopyCorpus build() {
      end();
      int[] keyOf = keyOfText.stream().mapToInt(Integer::intValue).toArray();
      int[] all = tokens.toArray();
      return new CopyCorpus(
          SuffixArray.of(all, keyOf),
          textList.toArray(String[]::new),
          Map.copyOf(keys),
          documentStarts.toArray(),
          parts == null ? null : parts.toArray(),
          offsets == null ? null : offsets.toArray());
    }

    private void start() {
      if (!inDocument) {
        documentStarts.add(tokens.size());
        inDocument = true;
      }
    }

    private void append(int token, int part, int offset) {
      tokens.add(token);
      if (parts != null) {
        parts.add(part);
        offsets.add(offset);
      }
    }

    /** The id of a token text with its key, both given ids on first sight. */
    private int token(String text, String key) {
      String both = key + '\u0000' + text;
      Integer id = texts.get(both);
      if (id == null) {
        id = textList.size();
        texts.put(both, id);
        textList.add(text);
        keyOfText.add(keys.computeIfAbsent(key, k -> keys.size()));
      }
      return id;
    }
  }
}
