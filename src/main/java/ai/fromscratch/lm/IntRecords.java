package ai.fromscratch.lm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Files of fixed-width records of little-endian ints, written and read in one sequential pass each:
 * the spill files and columns of the estimation that works within a memory budget ({@link
 * SpillingEstimator}). Little-endian, as the model file is, so a column maps straight into a model.
 */
final class IntRecords {
  /** The buffer of each open writer or reader. */
  static final int BUFFER_BYTES = 1 << 16;

  private IntRecords() {}

  /** Maps a whole file read-only. */
  static ByteBuffer map(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
    }
  }

  /**
   * Maps a whole file and deletes its name: the mapping keeps the data until it is collected, and
   * nothing is left on disk to clean up.
   */
  static ByteBuffer mapAndDelete(Path file) throws IOException {
    ByteBuffer mapped = map(file);
    Files.delete(file);
    return mapped;
  }

  /** Writes records of {@code width} ints to a file. */
  static final class Writer implements AutoCloseable {
    private final FileChannel channel;
    private final ByteBuffer buffer =
        ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final int width;
    private long records;

    Writer(Path file, int width) {
      this.width = width;
      try {
        channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + file, e);
      }
    }

    void write(int[] record) {
      for (int i = 0; i < width; i++) {
        putInt(record[i]);
      }
      records++;
    }

    /** Writes a record of width 1. */
    void writeInt(int value) {
      putInt(value);
      records++;
    }

    /** Writes a float as a record of width 1 (its bits). */
    void writeFloat(float value) {
      writeInt(Float.floatToRawIntBits(value));
    }

    /** Writes a double as a record of width 2 (its bits, low int first). */
    void writeDouble(double value) {
      long bits = Double.doubleToRawLongBits(value);
      putInt((int) bits);
      putInt((int) (bits >>> 32));
      records++;
    }

    private void putInt(int value) {
      if (!buffer.hasRemaining()) {
        drain();
      }
      buffer.putInt(value);
    }

    long records() {
      return records;
    }

    private void drain() {
      buffer.flip();
      try {
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write a spill file", e);
      }
      buffer.clear();
    }

    @Override
    public void close() {
      drain();
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write a spill file", e);
      }
    }
  }

  /** Reads records of {@code width} ints, one at a time, into {@link #record()}. */
  static final class Reader implements AutoCloseable {
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final int[] record;

    Reader(Path file, int width) {
      this(file, width, BUFFER_BYTES);
    }

    Reader(Path file, int width, int bufferBytes) {
      record = new int[width];
      buffer = ByteBuffer.allocate(Math.max(4 * width, bufferBytes)).order(ByteOrder.LITTLE_ENDIAN);
      buffer.limit(0);
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
    }

    /** Reads the next record; false at the end of the file. */
    boolean next() {
      if (buffer.remaining() < 4 * record.length && !fill()) {
        return false;
      }
      for (int i = 0; i < record.length; i++) {
        record[i] = buffer.getInt();
      }
      return true;
    }

    /** Reads the next record of width 1. */
    int nextInt() {
      requireNext();
      return record[0];
    }

    /** Reads the next record of width 1 as a float. */
    float nextFloat() {
      return Float.intBitsToFloat(nextInt());
    }

    /** Reads the next record of width 2 as a double. */
    double nextDouble() {
      requireNext();
      return Double.longBitsToDouble((record[0] & 0xffffffffL) | ((long) record[1] << 32));
    }

    private void requireNext() {
      if (!next()) {
        throw new IllegalStateException("a spill file ended early");
      }
    }

    /** Refills the buffer; false at the end of the file. */
    private boolean fill() {
      buffer.compact();
      try {
        while (buffer.position() < 4 * record.length) {
          if (channel.read(buffer) < 0) {
            break;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read a spill file", e);
      }
      buffer.flip();
      if (buffer.remaining() == 0) {
        return false;
      }
      if (buffer.remaining() < 4 * record.length) {
        throw new IllegalStateException("a spill file ends inside a record");
      }
      return true;
    }

    /** The current record (reused: copy what must outlive the next call). */
    int[] record() {
      return record;
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot close a spill file", e);
      }
    }
  }
}
