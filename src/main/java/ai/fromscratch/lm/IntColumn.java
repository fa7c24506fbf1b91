package ai.fromscratch.lm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * A read-only array of ints: on the heap while a model is estimated, or a view of a mapped model
 * file, so a served model takes page cache (which the kernel can reclaim) instead of heap.
 */
abstract sealed class IntColumn permits IntColumn.OnHeap, IntColumn.Mapped {
  abstract int get(int index);

  abstract int length();

  static IntColumn of(int[] values) {
    return new OnHeap(values);
  }

  /** The ints of {@code bytes} (little-endian) from its position to its limit. */
  static IntColumn mapped(ByteBuffer bytes) {
    return new Mapped(bytes.slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer());
  }

  /** Ints on the heap. */
  static final class OnHeap extends IntColumn {
    final int[] values;

    OnHeap(int[] values) {
      this.values = values;
    }

    @Override
    int get(int index) {
      return values[index];
    }

    @Override
    int length() {
      return values.length;
    }
  }

  /** Ints in a mapped file. */
  static final class Mapped extends IntColumn {
    private final IntBuffer values;

    Mapped(IntBuffer values) {
      this.values = values;
    }

    @Override
    int get(int index) {
      return values.get(index);
    }

    @Override
    int length() {
      return values.limit();
    }
  }
}
