package hifi.engine.runtime;

/**
 * A counter-based random generator: {@code uniform(seed, i)} is a pure function, so a dropout mask is the same for any
 * thread count or schedule, and can be regenerated in the backward instead of being stored. The mix is the SplitMix64
 * finaliser (Steele, Lea and Flood, OOPSLA 2014) applied to {@code seed} and the counter.
 */
public final class CounterRng {
    private CounterRng() {
    }

    /** 64 well-mixed bits for {@code (seed, counter)}. */
    public static long bits(long seed, long counter) {
        long z = seed * 0x9E3779B97F4A7C15L + counter * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A float uniform in {@code [0, 1)} with 24 random bits. */
    public static float uniform(long seed, long counter) {
        return (bits(seed, counter) >>> 40) * 0x1.0p-24f;
    }

    /** Derives an independent seed for a named sub-stream (e.g. one dropout site of one layer at one step). */
    public static long derive(long seed, long stream) {
        return bits(seed ^ 0x5DEECE66DL, stream);
    }
}
