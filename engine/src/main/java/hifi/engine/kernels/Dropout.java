package hifi.engine.kernels;

import hifi.engine.runtime.CounterRng;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Inverted dropout with the counter-based mask of {@link CounterRng}: element {@code i} (row-major within the tensor)
 * is kept when {@code CounterRng.uniform(seed, i) ≥ p}. The mask is a pure function of {@code (seed, i)}, so it is
 * bit-identical to the reference backend's for any thread count, and the backward regenerates it.
 *
 * <p>The cost is the 64-bit mixing of one counter per element, so that is what runs on vectors: the SplitMix64
 * finaliser of {@link CounterRng#bits} on {@code long} lanes for a chunk of consecutive counters (wrapping 64-bit
 * arithmetic, so exactly the scalar bits). The lane count is the platform's and independent of the backend's float
 * species, since the mask does not depend on it; a compile-time-constant species also keeps C2 from boxing vectors.
 * The keep-or-drop selection that follows is a plain loop.
 */
public final class Dropout {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final int CHUNK = 512;

    private Dropout() {
    }

    /** {@code y = x ⊙ keep / (1 − p)}; {@code p == 0} copies. Also the backward, applied to {@code dy}. */
    public static void apply(WorkerPool pool, Tensor x, Tensor y, float p, long seed) {
        if (p == 0f) {
            Elementwise.copy(pool, x, y);
            return;
        }
        float keepScale = 1f / (1f - p);
        float[] xd = x.data(), yd = y.data();
        Segments.forEach(pool, "dropout", (index, ox, oy, unused, n) -> {
            long[] bits = new long[CHUNK];
            for (int c = 0; c < n; c += CHUNK) {
                int len = Math.min(CHUNK, n - c);
                counterBits(seed, index + c, bits, len);
                for (int j = 0; j < len; j++) {
                    float uniform = (bits[j] >>> 40) * 0x1.0p-24f;  // as CounterRng.uniform
                    yd[oy + c + j] = uniform >= p ? xd[ox + c + j] * keepScale : 0f;
                }
            }
        }, x, y);
    }

    /** {@code bits[j] = CounterRng.bits(seed, first + j)} for {@code j < n} (rounded up to whole vectors). */
    static void counterBits(long seed, long first, long[] bits, int n) {
        long base = seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        LongVector lane = LongVector.zero(LONGS).addIndex(1);
        for (int j = 0; j < n; j += LONGS.length()) {
            LongVector z = lane.add(first + j).mul(0xD1B54A32D192ED03L).add(base);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
            z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31)).intoArray(bits, j);
        }
    }
}
