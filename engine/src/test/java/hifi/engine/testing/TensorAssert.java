package hifi.engine.testing;

import hifi.engine.tensor.Tensor;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Comparisons of test results with an oracle. {@link #assertClose} accepts element {@code i} when
 * {@code |actual − expected| ≤ atol + rtol · |expected|} and otherwise reports the worst element (index, both values,
 * the error) and how many elements failed; NaNs never pass unless both sides are NaN.
 */
public final class TensorAssert {
    private TensorAssert() {
    }

    public static void assertClose(Tensor expected, Tensor actual, double rtol, double atol, String what) {
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            fail(what + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape()));
        }
        assertClose(expected.toArray(), actual.toArray(), rtol, atol, what);
    }

    public static void assertClose(float[] expected, float[] actual, double rtol, double atol, String what) {
        double[] e = new double[expected.length], a = new double[actual.length];
        for (int i = 0; i < e.length; i++) e[i] = expected[i];
        for (int i = 0; i < a.length; i++) a[i] = actual[i];
        assertClose(e, a, rtol, atol, what);
    }

    public static void assertClose(double[] expected, double[] actual, double rtol, double atol, String what) {
        if (expected.length != actual.length) fail(what + ": " + actual.length + " elements, expected " + expected.length);
        int worst = -1, failures = 0;
        double worstExcess = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual[i];
            if (Double.isNaN(e) && Double.isNaN(a)) continue;
            double err = Math.abs(a - e), allowed = atol + rtol * Math.abs(e);
            if (!(err <= allowed)) {
                failures++;
                double excess = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err / Math.max(allowed, Double.MIN_VALUE);
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (failures > 0) {
            fail(String.format("%s: %d of %d elements outside atol %.3g + rtol %.3g; worst at %d: actual %.9g, expected %.9g (|err| %.3g)",
                    what, failures, expected.length, atol, rtol, worst, actual[worst], expected[worst], Math.abs(actual[worst] - expected[worst])));
        }
    }

    /** Bit-for-bit equality (same float values, element by element in row-major order). */
    public static void assertBitwiseEqual(Tensor expected, Tensor actual, String what) {
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            fail(what + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape()));
        }
        float[] e = expected.toArray(), a = actual.toArray();
        int[] eb = new int[e.length], ab = new int[a.length];
        for (int i = 0; i < e.length; i++) eb[i] = Float.floatToRawIntBits(e[i]);
        for (int i = 0; i < a.length; i++) ab[i] = Float.floatToRawIntBits(a[i]);
        assertArrayEquals(eb, ab, what + " (bits differ)");
    }

    /** The largest {@code |x|} in a tensor (to scale absolute tolerances). */
    public static double maxAbs(Tensor t) {
        double m = 0;
        for (float v : t.toArray()) m = Math.max(m, Math.abs(v));
        return m;
    }
}
