package hifi.engine.tornado;

import hifi.engine.testing.TensorAssert;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares device results with the reference backend and remembers, per op, the largest absolute error seen and the
 * tolerance it was held to, so that a run ends with a table of measured errors (printed by {@link #print}).
 */
final class ParityLog {
    private record Worst(double absError, String tolerance, int checks) {
    }

    private static final Map<String, Worst> WORST = new TreeMap<>();

    private ParityLog() {
    }

    /** Asserts {@code |actual − expected| ≤ atol + rtol·|expected|} element-wise and records the largest error. */
    static synchronized void check(String op, float[] expected, float[] actual, double rtol, double atol, String what) {
        TensorAssert.assertClose(expected, actual, rtol, atol, op + " " + what);
        record(op, maxAbsError(expected, actual), String.format(Locale.ROOT, "atol %.0e + rtol %.0e", atol, rtol));
    }

    /** Asserts bit-for-bit equality and records it. */
    static synchronized void checkBitwise(String op, float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(op + " " + what + ": element " + i + " is " + actual[i] + ", expected exactly " + expected[i]);
            }
        }
        record(op, 0, "bitwise");
    }

    /** Records an error measured by the caller against its own bound. */
    static synchronized void record(String op, double absError, String tolerance) {
        Worst w = WORST.get(op);
        if (w == null) WORST.put(op, new Worst(absError, tolerance, 1));
        else WORST.put(op, new Worst(Math.max(w.absError, absError), tolerance, w.checks + 1));
    }

    static double maxAbsError(float[] expected, float[] actual) {
        double max = 0;
        for (int i = 0; i < expected.length; i++) max = Math.max(max, Math.abs((double) actual[i] - expected[i]));
        return max;
    }

    /** Prints one line per op: the largest absolute error, the number of comparisons and the tolerance. */
    static synchronized void print(String title) {
        System.out.println("---- " + title + ": largest |device − reference| per op");
        WORST.forEach((op, w) -> System.out.printf(Locale.ROOT, "%-28s max abs err %.3e over %3d checks (tolerance: %s)%n",
                op, w.absError, w.checks, w.tolerance));
    }
}
