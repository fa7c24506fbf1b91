package ai.fromscratch.copy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A {@link CopyCorpus} (without sources) in a file of its own beside its model: magic, format
 * version, the token texts with their keys, the tokens, the suffix order and the document starts,
 * then a CRC32C of all before it. Written to a temporary name, synced and renamed; read back only
 * when its counts fit the memory it may take, and only whole and unchanged.
 */
public final class CopyCorpusFile {
  private static final long MAGIC = 0x46_53_43_4f_50_59_0d_0aL; // "FSCOPY\r\n"
  private static final int FORMAT_VERSION = 1;

  private CopyCorpusFile() {}

  public static void save(Path target, CopyCorpus corpus) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
    CRC32C crc = new CRC32C();
    try (OutputStream file = Files.newOutputStream(temporary);
        DataOutputStream out =
            new DataOutputStream(
                new BufferedOutputStream(new CheckedOutputStream(file, crc), 1 << 16))) {
      corpus.writeTo(out);
      out.flush();
      out.writeInt((int) crc.getValue());
    }
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(
        temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Reads a corpus back.
   *
   * @param memoryBudget the most bytes it may take: its counts are checked before anything else
   * @throws IOException when the file is damaged, of another format, or too large for the budget
   */
  public static CopyCorpus load(Path file, long memoryBudget) throws IOException {
    CRC32C crc = new CRC32C();
    try (InputStream stream = Files.newInputStream(file);
        DataInputStream in =
            new DataInputStream(
                new CheckedInputStream(new BufferedInputStream(stream, 1 << 16), crc))) {
      CopyCorpus corpus = CopyCorpus.readFrom(in, memoryBudget, file.toString());
      int expected = (int) crc.getValue();
      if (in.readInt() != expected) {
        throw new IOException(file + ": damaged copy corpus (checksum)");
      }
      return corpus;
    } catch (EOFException e) {
      throw new IOException(file + ": truncated copy corpus", e);
    }
  }

  static void header(DataOutputStream out) throws IOException {
    out.writeLong(MAGIC);
    out.writeInt(FORMAT_VERSION);
  }

  static void checkHeader(DataInputStream in, String source) throws IOException {
    if (in.readLong() != MAGIC) {
      throw new IOException(source + ": not a copy corpus file");
    }
    int version = in.readInt();
    if (version != FORMAT_VERSION) {
      throw new IOException(
          source + ": copy corpus format " + version + ", this build reads " + FORMAT_VERSION);
    }
  }

  static void writeInts(DataOutputStream out, int[] values) throws IOException {
    out.writeInt(values.length);
    for (int value : values) {
      out.writeInt(value);
    }
  }

  static int[] readInts(DataInputStream in, int length) throws IOException {
    int[] values = new int[length];
    for (int i = 0; i < length; i++) {
      values[i] = in.readInt();
    }
    return values;
  }

  /** The keys of the token texts, as a map from key to key id, rebuilt from the texts. */
  static Map<String, Integer> keyIds(String[] keys) {
    Map<String, Integer> ids = new HashMap<>(keys.length * 2);
    for (int i = 0; i < keys.length; i++) {
      ids.put(keys[i], i);
    }
    return ids;
  }
}
