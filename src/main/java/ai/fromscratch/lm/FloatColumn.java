package ai.fromscratch.lm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A read-only array of floats: on the heap while a model is estimated, or a view of a mapped model
 * file, so a served model takes page cache (which the kernel can reclaim) instead of heap.
 */
abstract sealed class FloatColumn permits FloatColumn.OnHeap, FloatColumn.Mapped {
  abstract float get(int index);

  abstract int length();

  static FloatColumn of(float[] values) {
    return new OnHeap(values);
  }

  /** The floats of {@code bytes} (little-endian) from its position to its limit. */
  static FloatColumn mapped(ByteBuffer bytes) {
    return new Mapped(bytes.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
  }

  /** Floats on the heap. */
  static final class OnHeap extends FloatColumn {
    final float[] values;

    OnHeap(float[] values) {
      this.values = values;
    }

    @Override
    float get(int index) {
      return values[index];
    }

    @Override
    int length() {
      return values.length;
    }
  }

  /** Floats in a mapped file. */
  static final class Mapped extends FloatColumn {
    private final FloatBuffer values;

    Mapped(FloatBuffer values) {
      this.values = values;
    }

    @Override
    float get(int index) {
      return values.get(index);
    }

    @Override
    int length() {
      return values.limit();
    }
  }
}
