package hifi.engine.testing;

import hifi.engine.tensor.Tensor;

import java.util.SplittableRandom;

/**
 * Seeded random test tensors: the same seed always gives the same values, so a failure can be replayed. Besides
 * contiguous tensors it builds <em>strided views</em> (rows padded in a larger buffer, at a non-zero offset), the
 * layout of a head slice of an activation, so kernels are tested off their contiguous fast path as well.
 */
public final class RandomTensors {
    private RandomTensors() {
    }

    /** A contiguous tensor with elements uniform in {@code [lo, hi)}. */
    public static Tensor uniform(long seed, float lo, float hi, int... shape) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[Math.toIntExact(Tensor.numel(shape))];
        for (int i = 0; i < v.length; i++) v[i] = lo + (hi - lo) * (float) rnd.nextDouble();
        return Tensor.of(v, shape);
    }

    /** A contiguous tensor with standard-normal elements times {@code scale}. */
    public static Tensor normal(long seed, float scale, int... shape) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[Math.toIntExact(Tensor.numel(shape))];
        for (int i = 0; i < v.length; i++) v[i] = scale * (float) gaussian(rnd);
        return Tensor.of(v, shape);
    }

    /**
     * A non-contiguous view of the given shape with standard-normal elements times {@code scale}: the last dimension
     * sits at column {@code padding} of rows {@code cols + 2·padding} wide, inside a buffer whose other elements are
     * random too (so a kernel that reads or writes outside the view changes the outcome).
     */
    public static Tensor normalView(long seed, float scale, int padding, int... shape) {
        int[] padded = shape.clone();
        padded[padded.length - 1] += 2 * padding;
        return normal(seed, scale, padded).cols(padding, shape[shape.length - 1]);
    }

    /** {@code n} integers uniform in {@code [0, bound)}. */
    public static int[] ints(long seed, int n, int bound) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextInt(bound);
        return v;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box–Muller: two uniforms give one normal deviate; u1 is kept away from 0.
        double u1 = 1.0 - rnd.nextDouble(), u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
