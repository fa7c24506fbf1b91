package ai.fromscratch.lm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.zip.CRC32C;

/** Writes little-endian primitives and arrays through one buffer, keeping a CRC32C of all bytes. */
final class ChecksummedOutput {
  private final WritableByteChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();

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
