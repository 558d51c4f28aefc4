package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import static hifi.engine.tornado.ArenaAddress.VIEW;
import static hifi.engine.tornado.ArenaAddress.flatElement;

/**
 * Dropout with the engine's counter-based mask ({@code CounterRng}): the same keep decision for the same
 * {@code (seed, index)} as the CPU backends, bit for bit, so a device pass and a CPU pass compute the same function.
 */
public final class DropoutKernel {
    /** Descriptor: work (elements), seed high and low 32 bits, then the views x and y; {@code f = {p, 1/(1-p)}}. */
    static final int X = 3, Y = X + VIEW;

    private DropoutKernel() {
    }

    /** {@code y[i] = keep(i) ? x[i] · f[1] : 0}, {@code keep(i) = uniform(seed, i) ≥ f[0]}, {@code i} the row-major index. */
    public static void dropout(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int e = ctx.globalIdx;
        if (e < d.get(0)) {
            long seed = ((long) d.get(1) << 32) | (d.get(2) & 0xFFFFFFFFL);
            float u = uniform(seed, e);
            m.set(flatElement(d, Y, e), u >= f.get(0) ? m.get(flatElement(d, X, e)) * f.get(1) : 0f);
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

    /**
     * {@code z >>> s} for {@code 0 < s < 64}, written without {@code >>>}: TornadoVM 5.2's OpenCL generator emits a
     * signed shift for it.
     */
    static long ushr(long z, int s) {
        return (z >> s) & ~(-1L << (64 - s));
    }
}
