package hifi.engine.testing;

import hifi.engine.tensor.Tensor;

import java.util.function.DoubleSupplier;

/**
 * Central finite differences, {@code ∂L/∂p ≈ (L(p + h) − L(p − h)) / 2h}, for checking backward passes. The loss is
 * any function of the current tensor contents (typically {@code Σ w ⊙ op(x)} in double with fixed random weights
 * {@code w}); each element of the parameter tensor is nudged in place, the loss re-evaluated, and the element restored.
 *
 * <p>In float, the truncation error is {@code O(h²)} and the rounding noise about {@code ε·|L| / h}; with
 * {@code h ≈ 1e-2} and losses of order 1–10 both stay below {@code 1e-3}, which is why callers use tolerances of a
 * few {@code 1e-3}.
 */
public final class FiniteDifference {
    private FiniteDifference() {
    }

    /** The numerical gradient of {@code loss} with respect to every element of {@code p} (row-major order). */
    public static double[] gradient(Tensor p, double h, DoubleSupplier loss) {
        int n = p.numel();
        double[] g = new double[n];
        int[] shape = p.shape();
        int[] idx = new int[shape.length];
        for (int i = 0; i < n; i++) {
            float orig = p.get(idx);
            p.set((float) (orig + h), idx);
            double plus = loss.getAsDouble();
            p.set((float) (orig - h), idx);
            double minus = loss.getAsDouble();
            p.set(orig, idx);
            g[i] = (plus - minus) / (2 * h);
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
        return g;
    }

    /** {@code Σ w ⊙ t} in double: a loss whose gradient with respect to {@code t} is {@code w}. */
    public static double weightedSum(Tensor w, Tensor t) {
        float[] a = w.toArray(), b = t.toArray();
        if (a.length != b.length) throw new IllegalArgumentException("weightedSum: " + a.length + " weights for " + b.length + " elements");
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    /** Asserts that the analytic gradient matches the numerical one within {@code atol + rtol·|numerical|}. */
    public static void assertGradient(Tensor analytic, double[] numerical, double rtol, double atol, String what) {
        float[] a = analytic.toArray();
        double[] ad = new double[a.length];
        for (int i = 0; i < a.length; i++) ad[i] = a[i];
        TensorAssert.assertClose(numerical, ad, rtol, atol, what + " vs central differences");
    }
}
