package hifi.engine.kernels;

import hifi.engine.backend.CounterRng;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Inverted dropout with the counter-based mask of {@link CounterRng}: element {@code i} (row-major within the tensor)
 * is kept when {@code CounterRng.uniform(seed, i) ≥ p}. The mask is a pure function of {@code (seed, i)}, so it is
 * bit-identical to the reference backend's for any thread count, and the backward regenerates it.
 *
 * <p>The 64-bit mixing of each counter is scalar (it dominates the cost); each vector's uniforms are gathered into a
 * small per-segment buffer, then compared with {@code p} and applied to the data vector at once.
 */
public final class Dropout {
    private Dropout() {
    }

    /** {@code y = x ⊙ keep / (1 − p)}; {@code p == 0} copies. Also the backward, applied to {@code dy}. */
    public static void apply(VectorSpecies<Float> s, Tensor x, Tensor y, float p, long seed) {
        if (p == 0f) {
            Elementwise.copy(x, y);
            return;
        }
        float keepScale = 1f / (1f - p);
        float[] xd = x.data(), yd = y.data();
        Segments.forEach("dropout", (index, ox, oy, unused, n) -> {
            float[] uniforms = new float[s.length()];
            for (int j = 0; j < n; j += s.length()) {
                VectorMask<Float> m = s.indexInRange(j, n);
                int lanes = Math.min(s.length(), n - j);
                for (int l = 0; l < lanes; l++) uniforms[l] = CounterRng.uniform(seed, index + j + l);
                VectorMask<Float> keep = FloatVector.fromArray(s, uniforms, 0).compare(VectorOperators.GE, p).and(m);
                FloatVector kept = FloatVector.fromArray(s, xd, ox + j, m).mul(keepScale);
                FloatVector.zero(s).blend(kept, keep).intoArray(yd, oy + j, m);
            }
        }, x, y);
    }
}
