package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * Dropout on the device with the engine's own mask: element {@code i} is kept exactly when
 * {@link hifi.engine.backend.CounterRng#uniform CounterRng.uniform(seed, i)} {@code ≥ p}, as on the CPU backends.
 * The seed and the probabilities travel in small arrays, not as scalars, so one compiled kernel serves every step.
 *
 * <p>The generator is restated here instead of called: TornadoVM 5.2's OpenCL code generator emits Java's unsigned
 * {@code >>>} on a {@code long} as the signed {@code >>}, which changes the SplitMix64 mix (seen with
 * {@code -Dtornado.printKernel=true}). {@link #ushr} spells the unsigned shift as a signed shift plus a mask, which
 * every backend translates faithfully; the parity suite checks the masks bit for bit.
 */
public final class DropoutKernel {
    private DropoutKernel() {
    }

    /** {@code y[i] = keep(i) ? x[i] · params[1] : 0}, {@code keep(i) = uniform(seed[0], i) ≥ params[0]}. */
    public static void dropout(FloatArray x, FloatArray y, FloatArray params, LongArray seed, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            float u = uniform(seed.get(0), i);
            y.set(i, u >= params.get(0) ? x.get(i) * params.get(1) : 0f);
        }
    }

    /** {@code CounterRng.uniform}: the SplitMix64 finaliser of {@code (seed, counter)}, top 24 bits as a float in [0, 1). */
    static float uniform(long seed, long counter) {
        long z = seed * 0x9E3779B97F4A7C15L + counter * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L;
        z = (z ^ ushr(z, 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ ushr(z, 27)) * 0x94D049BB133111EBL;
        z = z ^ ushr(z, 31);
        return ushr(z, 40) * 0x1.0p-24f;
    }

    /** {@code z >>> s} for {@code 0 < s < 64}, written without {@code >>>}. */
    static long ushr(long z, int s) {
        return (z >> s) & ~(-1L << (64 - s));
    }
}
