package ai.fromscratch.lm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/** Writes little-endian primitives and arrays through one buffer, keeping a CRC32C of all bytes. */
final class ChecksummedOutput {
  private final WritableByteChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private long written;

  ChecksummedOutput(WritableByteChannel channel) {
    this.channel = channel;
  }

  void putInt(int value) throws IOException {
    room(4);
    buffer.putInt(value);
  }

  void putLong(long value) throws IOException {
    room(8);
    buffer.putLong(value);
  }

  void bytes(byte[] values) throws IOException {
    for (int from = 0; from < values.length; ) {
      room(1);
      int count = Math.min(buffer.remaining(), values.length - from);
      buffer.put(values, from, count);
      from += count;
    }
  }

  void ints(int[] values) throws IOException {
    for (int from = 0; from < values.length; ) {
      room(4);
      int count = Math.min(buffer.remaining() / 4, values.length - from);
      buffer.asIntBuffer().put(values, from, count);
      buffer.position(buffer.position() + 4 * count);
      from += count;
    }
  }

  void floats(float[] values) throws IOException {
    for (int from = 0; from < values.length; ) {
      room(4);
      int count = Math.min(buffer.remaining() / 4, values.length - from);
      buffer.asFloatBuffer().put(values, from, count);
      buffer.position(buffer.position() + 4 * count);
      from += count;
    }
  }

  void ints(IntColumn column) throws IOException {
    if (column instanceof IntColumn.OnHeap heap) {
      ints(heap.values);
      return;
    }
    for (int i = 0; i < column.length(); i++) {
      putInt(column.get(i));
    }
  }

  void floats(FloatColumn column) throws IOException {
    if (column instanceof FloatColumn.OnHeap heap) {
      floats(heap.values);
      return;
    }
    for (int i = 0; i < column.length(); i++) {
      room(4);
      buffer.putFloat(column.get(i));
    }
  }

  /** Copies a file's bytes as they are. */
  void copy(Path file) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      while (true) {
        room(buffer.capacity());
        if (in.read(buffer) < 0) {
          return;
        }
      }
    }
  }

  /** Bytes written so far. */
  long written() {
    return written + buffer.position();
  }

  void chars(char[] values, int length) throws IOException {
    for (int from = 0; from < length; ) {
      room(2);
      int count = Math.min(buffer.remaining() / 2, length - from);
      buffer.asCharBuffer().put(values, from, count);
      buffer.position(buffer.position() + 2 * count);
      from += count;
    }
  }

  /** Appends the checksum of everything written so far and flushes. */
  void finish() throws IOException {
    flush();
    buffer.putInt((int) crc.getValue());
    buffer.flip();
    drain();
  }

  private void room(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      flush();
    }
  }

  private void flush() throws IOException {
    written += buffer.position();
    buffer.flip();
    crc.update(buffer.array(), 0, buffer.limit());
    drain();
  }

  private void drain() throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }
}
