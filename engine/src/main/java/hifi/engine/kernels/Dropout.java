package hifi.engine.kernels;

import hifi.engine.backend.CounterRng;
import hifi.engine.tensor.Tensor;

/**
 * Inverted dropout with the counter-based mask of {@link CounterRng}: element {@code i} (row-major within the tensor)
 * is kept when {@code CounterRng.uniform(seed, i) ≥ p}. The mask is a pure function of {@code (seed, i)}, so it is
 * bit-identical to the reference backend's for any thread count, and the backward regenerates it.
 *
 * <p>Deliberately scalar, but parallel: the cost is the 64-bit mixing of one counter per element (three 64-bit
 * multiplies); the float multiply that follows is negligible, so a vector multiply would not change the cost.
 */
public final class Dropout {
    private Dropout() {
    }

    /** {@code y = x ⊙ keep / (1 − p)}; {@code p == 0} copies. Also the backward, applied to {@code dy}. */
    public static void apply(Tensor x, Tensor y, float p, long seed) {
        if (p == 0f) {
            Elementwise.copy(x, y);
            return;
        }
        float keepScale = 1f / (1f - p);
        float[] xd = x.data(), yd = y.data();
        Segments.forEach("dropout", (index, ox, oy, unused, n) -> {
            for (int j = 0; j < n; j++) {
                yd[oy + j] = CounterRng.uniform(seed, index + j) >= p ? xd[ox + j] * keepScale : 0f;
            }
        }, x, y);
    }
}
