package ai.fromscratch.lm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
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
 * leaves a half-written model; loading checks length and checksum before building anything.
 */
public final class ModelFile {
  public static final int FORMAT_VERSION = 1;
  private static final byte[] MAGIC = {'F', 'S', 'L', 'M', '\r', '\n', 0x1a, '\n'};
  private static final int HEADER_BYTES = MAGIC.length + 4 + 8;
  private static final int CHECKSUM_BYTES = 4;

  private ModelFile() {}

  public static void save(Path target, NgramModel model, Map<String, String> metadata)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Path temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        write(channel, model, new TreeMap<>(metadata));
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
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    checkHeaderAndChecksum(file, bytes, buffer);
    try {
      return readPayload(buffer);
    } catch (RuntimeException e) {
      throw new ModelFormatException(file + ": inconsistent model data: " + e.getMessage());
    }
  }

  private static void checkHeaderAndChecksum(Path file, byte[] bytes, ByteBuffer buffer)
      throws ModelFormatException {
    for (int i = 0; i < Math.min(MAGIC.length, bytes.length); i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new ModelFormatException(file + ": not a From-Scratch AI model file (wrong magic)");
      }
    }
    if (bytes.length < HEADER_BYTES) {
      throw new ModelFormatException(file + ": truncated model file: no complete header");
    }
    buffer.position(MAGIC.length);
    int version = buffer.getInt();
    if (version != FORMAT_VERSION) {
      throw new ModelFormatException(
          file
              + ": unsupported model format version "
              + version
              + " (this build reads version "
              + FORMAT_VERSION
              + ")");
    }
    long payload = buffer.getLong();
    long expected = HEADER_BYTES + payload + CHECKSUM_BYTES;
    if (payload < 0 || bytes.length < expected) {
      throw new ModelFormatException(
          file + ": truncated model file: " + bytes.length + " bytes, expected " + expected);
    }
    if (bytes.length > expected) {
      throw new ModelFormatException(
          file
              + ": corrupt model file: "
              + (bytes.length - expected)
              + " unexpected trailing bytes");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, (int) (expected - CHECKSUM_BYTES));
    int stored =
        ByteBuffer.wrap(bytes, (int) (expected - CHECKSUM_BYTES), CHECKSUM_BYTES)
            .order(ByteOrder.LITTLE_ENDIAN)
            .getInt();
    if ((int) crc.getValue() != stored) {
      throw new ModelFormatException(file + ": corrupt model file: checksum mismatch");
    }
  }

  private static StoredModel readPayload(ByteBuffer in) {
    int order = in.getInt();
    int vocabularySize = in.getInt();
    if (order < 1 || order > EstimationOptions.MAX_ORDER || vocabularySize < 3) {
      throw new IllegalStateException("order " + order + ", vocabulary size " + vocabularySize);
    }
    int[] counts = ints(in, order);
    Map<String, String> metadata = new LinkedHashMap<>();
    int entries = in.getInt();
    for (int i = 0; i < entries; i++) {
      metadata.put(string(in), string(in));
    }
    int[] offsets = ints(in, vocabularySize + 1);
    char[] chars = new char[offsets[vocabularySize]];
    in.asCharBuffer().get(chars);
    in.position(in.position() + 2 * chars.length);
    WordTable table = new WordTable(vocabularySize);
    for (int id = 0; id < vocabularySize; id++) {
      if (table.add(chars, offsets[id], offsets[id + 1]) != id) {
        throw new IllegalStateException("duplicate word " + table.word(id));
      }
    }
    int[][] words = new int[order][];
    float[][] probs = new float[order][];
    float[][] backoffs = new float[order][];
    int[][] childStarts = new int[order][];
    for (int level = 0; level < order; level++) {
      boolean last = level == order - 1;
      words[level] = level > 0 ? ints(in, counts[level]) : null;
      probs[level] = floats(in, counts[level]);
      backoffs[level] = last ? null : floats(in, counts[level]);
      childStarts[level] = last ? null : ints(in, counts[level] + 1);
    }
    checkTrie(words, childStarts, vocabularySize);
    NgramModel model = new NgramModel(Vocabulary.of(table), words, probs, backoffs, childStarts);
    return new StoredModel(model, metadata);
  }

  /** Checks what a lookup relies on: child ranges in order and word ids in the vocabulary. */
  private static void checkTrie(int[][] words, int[][] childStarts, int vocabularySize) {
    for (int level = 0; level + 1 < words.length; level++) {
      int[] starts = childStarts[level];
      if (starts[0] != 0) {
        throw new IllegalStateException("children of order " + (level + 1) + " do not start at 0");
      }
      for (int i = 1; i < starts.length; i++) {
        if (starts[i] < starts[i - 1]) {
          throw new IllegalStateException("child ranges out of order at order " + (level + 1));
        }
      }
      for (int word : words[level + 1]) {
        if (word < 0 || word >= vocabularySize) {
          throw new IllegalStateException("word id " + word + " outside the vocabulary");
        }
      }
    }
  }

  private static void write(FileChannel channel, NgramModel model, Map<String, String> metadata)
      throws IOException {
    Vocabulary vocabulary = model.vocabulary();
    WordTable table = vocabulary.table();
    int order = model.order();
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
      int count = model.probs[level].length;
      payload += 4L * count * (level > 0 ? 2 : 1);
      payload += level < order - 1 ? 4L * count + 4L * (count + 1) : 0;
    }
    ChecksummedOutput out = new ChecksummedOutput(channel);
    out.bytes(MAGIC);
    out.putInt(FORMAT_VERSION);
    out.putLong(payload);
    out.putInt(order);
    out.putInt(vocabulary.size());
    for (int level = 0; level < order; level++) {
      out.putInt(model.probs[level].length);
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
      if (level > 0) {
        out.ints(model.words[level]);
      }
      out.floats(model.probs[level]);
      if (level < order - 1) {
        out.floats(model.backoffs[level]);
        out.ints(model.childStarts[level]);
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

  private static float[] floats(ByteBuffer in, int count) {
    float[] values = new float[count];
    in.asFloatBuffer().get(values);
    in.position(in.position() + 4 * count);
    return values;
  }

  private static String string(ByteBuffer in) {
    byte[] bytes = new byte[in.getInt()];
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
