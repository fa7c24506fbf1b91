package ai.fromscratch.lm;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The binary model file, little-endian: magic, format version, payload length, then the payload
 * (order, vocabulary size, n-gram counts per order, metadata as string pairs, the vocabulary's
 * offsets and characters, each order's arrays) and a CRC32C of everything before it. Saving writes
 * a temporary file in the same directory, syncs it and renames it over the target, so a crash never
 * leaves a half-written model. Loading checks length and checksum, then maps each order's arrays
 * from the file rather than copying them to the heap: a served model costs page cache, which the
 * kernel reclaims under pressure, and only its vocabulary costs heap. (A file is never changed in
 * place, only replaced, so a mapping never sees it change.)
 */
public final class ModelFile {
  public static final int FORMAT_VERSION = 1;
  private static final byte[] MAGIC = {'F', 'S', 'L', 'M', '\r', '\n', 0x1a, '\n'};
  private static final int HEADER_BYTES = MAGIC.length + 4 + 8;
  private static final int CHECKSUM_BYTES = 4;
  private static final int READ_CHUNK = 1 << 20;

  /** The most n-grams of one order a file may hold: each array is mapped as one buffer. */
  static final int MAX_NGRAMS_PER_ORDER = (Integer.MAX_VALUE - 8) / 4;

  private ModelFile() {}

  /** The arrays stored for each order. */
  enum Part {
    WORDS,
    PROBS,
    BACKOFFS,
    CHILD_STARTS;

    /** Whether order {@code level + 1} of a model of {@code order} stores this array. */
    boolean storedAt(int level, int order) {
      return switch (this) {
        case WORDS -> level > 0;
        case PROBS -> true;
        case BACKOFFS, CHILD_STARTS -> level < order - 1;
      };
    }

    /** The array's length for {@code count} n-grams. */
    long length(int count) {
      return this == CHILD_STARTS ? count + 1L : count;
    }
  }

  /** Writes one stored array of one order. */
  @FunctionalInterface
  interface PartWriter {
    void write(ChecksummedOutput out, int level, Part part) throws IOException;
  }

  public static void save(Path target, NgramModel model, Map<String, String> metadata)
      throws IOException {
    int[] counts = new int[model.order()];
    for (int level = 0; level < counts.length; level++) {
      counts[level] = model.ngramCount(level + 1);
    }
    write(
        target,
        model.vocabulary(),
        counts,
        metadata,
        (out, level, part) -> {
          switch (part) {
            case WORDS -> out.ints(model.words(level));
            case PROBS -> out.floats(model.probs(level));
            case BACKOFFS -> out.floats(model.backoffs(level));
            case CHILD_STARTS -> out.ints(model.childStarts(level));
          }
        });
  }

  /**
   * Writes a model file atomically from its vocabulary, n-gram counts and metadata, the arrays
   * coming from {@code parts} (which must write exactly {@link Part#length} values of each).
   */
  static void write(
      Path target,
      Vocabulary vocabulary,
      int[] counts,
      Map<String, String> metadata,
      PartWriter parts)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Path temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        write(channel, vocabulary, counts, new TreeMap<>(metadata), parts);
        channel.force(true);
      }
      Files.move(
          temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    syncDirectory(directory);
  }

  public static StoredModel load(Path file) throws IOException {
    return load(file, Long.MAX_VALUE);
  }

  /**
   * Loads a model whose heap part (its vocabulary: the n-grams are mapped) must fit {@code
   * heapBudget} bytes, checked from the file's counts before anything is allocated.
   *
   * @throws ModelTooLargeException when it would not fit
   */
  public static StoredModel load(Path file, long heapBudget) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long payloadEnd = checkHeaderAndChecksum(file, channel);
      try {
        return readPayload(channel, payloadEnd, file, heapBudget);
      } catch (RuntimeException e) {
        throw new ModelFormatException(file + ": inconsistent model data: " + e.getMessage());
      }
    }
  }

  /** Checks magic, version, length and checksum; returns where the payload ends. */
  private static long checkHeaderAndChecksum(Path file, FileChannel channel) throws IOException {
    long size = channel.size();
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    int read = readFully(channel, header, 0);
    for (int i = 0; i < Math.min(MAGIC.length, read); i++) {
      if (header.get(i) != MAGIC[i]) {
        throw new ModelFormatException(file + ": not a From-Scratch AI model file (wrong magic)");
      }
    }
    if (size < HEADER_BYTES) {
      throw new ModelFormatException(file + ": truncated model file: no complete header");
    }
    int version = header.getInt(MAGIC.length);
    if (version != FORMAT_VERSION) {
      throw new ModelFormatException(
          file
              + ": unsupported model format version "
              + version
              + " (this build reads version "
              + FORMAT_VERSION
              + ")");
    }
    long payload = header.getLong(MAGIC.length + 4);
    long expected = HEADER_BYTES + payload + CHECKSUM_BYTES;
    if (payload < 0 || size < expected) {
      throw new ModelFormatException(
          file + ": truncated model file: " + size + " bytes, expected " + expected);
    }
    if (size > expected) {
      throw new ModelFormatException(
          file + ": corrupt model file: " + (size - expected) + " unexpected trailing bytes");
    }
    long checked = expected - CHECKSUM_BYTES;
    if ((int) checksum(channel, checked) != readInt(channel, checked)) {
      throw new ModelFormatException(file + ": corrupt model file: checksum mismatch");
    }
    return checked;
  }

  private static long checksum(FileChannel channel, long length) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer chunk = ByteBuffer.allocate(READ_CHUNK);
    for (long position = 0; position < length; ) {
      chunk.clear().limit((int) Math.min(READ_CHUNK, length - position));
      int read = channel.read(chunk, position);
      if (read < 0) {
        throw new EOFException("the model file ended while it was read");
      }
      chunk.flip();
      crc.update(chunk);
      position += read;
    }
    return crc.getValue();
  }

  private static int readInt(FileChannel channel, long position) throws IOException {
    ByteBuffer value = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    if (readFully(channel, value, position) < 4) {
      throw new EOFException("the model file ended while it was read");
    }
    return value.getInt(0);
  }

  /** Reads from {@code position} until the buffer is full or the file ends; returns bytes read. */
  private static int readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        break;
      }
    }
    return buffer.position();
  }

  private static StoredModel readPayload(
      FileChannel channel, long payloadEnd, Path file, long heapBudget) throws IOException {
    ByteBuffer in =
        channel
            .map(MapMode.READ_ONLY, 0, Math.min(payloadEnd, Integer.MAX_VALUE))
            .order(ByteOrder.LITTLE_ENDIAN);
    in.position(HEADER_BYTES);
    int order = in.getInt();
    int vocabularySize = in.getInt();
    if (order < 1 || order > EstimationOptions.MAX_ORDER || vocabularySize < 3) {
      throw new IllegalStateException("order " + order + ", vocabulary size " + vocabularySize);
    }
    int[] counts = ints(in, order);
    for (int count : counts) {
      if (count < 0 || count > MAX_NGRAMS_PER_ORDER) {
        throw new IllegalStateException("an order holds " + count + " n-grams");
      }
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    int entries = in.getInt();
    for (int i = 0; i < entries; i++) {
      metadata.put(string(in), string(in));
    }
    if (4L * (vocabularySize + 1) > in.remaining()) {
      throw new IllegalStateException("a vocabulary of " + vocabularySize + " words");
    }
    int[] offsets = ints(in, vocabularySize + 1);
    int charCount = offsets[vocabularySize];
    if (charCount < 0 || 2L * charCount > in.remaining()) {
      throw new IllegalStateException("a vocabulary of " + charCount + " characters");
    }
    long heap = Vocabulary.heapBytes(vocabularySize, charCount);
    if (heap > heapBudget) {
      throw new ModelTooLargeException(
          String.format(
              "%s: its vocabulary of %,d words needs about %d MB of heap, and %d MB are free",
              file.getFileName(), vocabularySize, heap >> 20, heapBudget >> 20));
    }
    char[] chars = new char[charCount];
    in.asCharBuffer().get(chars);
    WordTable table = new WordTable(vocabularySize);
    for (int id = 0; id < vocabularySize; id++) {
      if (table.add(chars, offsets[id], offsets[id + 1]) != id) {
        throw new IllegalStateException("duplicate word " + table.word(id));
      }
    }
    long position = in.position() + 2L * chars.length;
    IntColumn[] words = new IntColumn[order];
    FloatColumn[] probs = new FloatColumn[order];
    FloatColumn[] backoffs = new FloatColumn[order];
    IntColumn[] childStarts = new IntColumn[order];
    for (int level = 0; level < order; level++) {
      for (Part part : Part.values()) {
        if (!part.storedAt(level, order)) {
          continue;
        }
        long bytes = 4 * part.length(counts[level]);
        if (position + bytes > payloadEnd) {
          throw new IllegalStateException("the arrays run past the end of the payload");
        }
        ByteBuffer mapped = channel.map(MapMode.READ_ONLY, position, bytes);
        switch (part) {
          case WORDS -> words[level] = IntColumn.mapped(mapped);
          case PROBS -> probs[level] = FloatColumn.mapped(mapped);
          case BACKOFFS -> backoffs[level] = FloatColumn.mapped(mapped);
          case CHILD_STARTS -> childStarts[level] = IntColumn.mapped(mapped);
        }
        position += bytes;
      }
    }
    if (position != payloadEnd) {
      throw new IllegalStateException((payloadEnd - position) + " bytes after the arrays");
    }
    checkTrie(words, childStarts, vocabularySize);
    NgramModel model =
        new NgramModel(Vocabulary.of(table), words, probs, backoffs, childStarts, true);
    return new StoredModel(model, metadata);
  }

  /** Checks what a lookup relies on: child ranges in order and word ids in the vocabulary. */
  private static void checkTrie(IntColumn[] words, IntColumn[] childStarts, int vocabularySize) {
    for (int level = 0; level + 1 < words.length; level++) {
      IntColumn starts = childStarts[level];
      if (starts.get(0) != 0) {
        throw new IllegalStateException("children of order " + (level + 1) + " do not start at 0");
      }
      for (int i = 1; i < starts.length(); i++) {
        if (starts.get(i) < starts.get(i - 1)) {
          throw new IllegalStateException("child ranges out of order at order " + (level + 1));
        }
      }
      IntColumn next = words[level + 1];
      for (int i = 0; i < next.length(); i++) {
        int word = next.get(i);
        if (word < 0 || word >= vocabularySize) {
          throw new IllegalStateException("word id " + word + " outside the vocabulary");
        }
      }
    }
  }

  private static void write(
      FileChannel channel,
      Vocabulary vocabulary,
      int[] counts,
      Map<String, String> metadata,
      PartWriter parts)
      throws IOException {
    WordTable table = vocabulary.table();
    int order = counts.length;
    byte[][] strings = new byte[2 * metadata.size()][];
    int next = 0;
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      strings[next++] = entry.getKey().getBytes(StandardCharsets.UTF_8);
      strings[next++] = entry.getValue().getBytes(StandardCharsets.UTF_8);
    }
    long payload = 4 + 4 + 4L * order + 4;
    for (byte[] string : strings) {
      payload += 4 + string.length;
    }
    payload += 4L * (vocabulary.size() + 1) + 2L * table.blobLength();
    for (int level = 0; level < order; level++) {
      for (Part part : Part.values()) {
        payload += part.storedAt(level, order) ? 4 * part.length(counts[level]) : 0;
      }
    }
    ChecksummedOutput out = new ChecksummedOutput(channel);
    out.bytes(MAGIC);
    out.putInt(FORMAT_VERSION);
    out.putLong(payload);
    out.putInt(order);
    out.putInt(vocabulary.size());
    for (int count : counts) {
      out.putInt(count);
    }
    out.putInt(metadata.size());
    for (byte[] string : strings) {
      out.putInt(string.length);
      out.bytes(string);
    }
    for (int id = 0; id <= vocabulary.size(); id++) {
      out.putInt(table.offset(id));
    }
    out.chars(table.blob(), table.blobLength());
    for (int level = 0; level < order; level++) {
      for (Part part : Part.values()) {
        if (part.storedAt(level, order)) {
          long before = out.written();
          parts.write(out, level, part);
          if (out.written() - before != 4 * part.length(counts[level])) {
            throw new IllegalStateException(
                "order " + (level + 1) + " " + part + " has the wrong length");
          }
        }
      }
    }
    out.finish();
  }

  private static int[] ints(ByteBuffer in, int count) {
    int[] values = new int[count];
    in.asIntBuffer().get(values);
    in.position(in.position() + 4 * count);
    return values;
  }

  private static String string(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalStateException("a metadata string of " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the rename itself has already happened.
    }
  }
}
