package hifi.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link VectorMath} against {@link Math} (double precision, rounded): {@code exp} within 2 ulps of the float result
 * over its whole normal range (1 ulp from the polynomial fit plus rounding of the reduction), {@code tanh} within 3 ulps
 * (the exp form loses up to ~2 ulps to cancellation just above the split at 0.625); limits and specials exact.
 */
class VectorMathTest {
    private static final List<VectorSpecies<Float>> SPECIES = List.of(FloatVector.SPECIES_512, FloatVector.SPECIES_256, FloatVector.SPECIES_128);

    private static float[] exp(VectorSpecies<Float> s, float[] x) {
        float[] y = x.clone();
        VectorMath.exp(s, y, 0, y.length, 0f);
        return y;
    }

    private static float[] tanh(VectorSpecies<Float> s, float[] x) {
        float[] y = new float[x.length];
        VectorMath.tanh(s, x, y, new float[x.length], x.length);
        return y;
    }

    private static float[] grid(float lo, float hi, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = lo + (hi - lo) * i / (n - 1);
        return x;
    }

    private static void assertUlps(String what, float[] x, float[] y, DoubleUnaryOperator exact, double maxUlps) {
        double worst = 0;
        float worstX = 0;
        for (int i = 0; i < x.length; i++) {
            float e = (float) exact.applyAsDouble(x[i]);
            double ulps = Math.abs(y[i] - (double) e) / Math.ulp(e);
            if (ulps > worst) {
                worst = ulps;
                worstX = x[i];
            }
        }
        assertTrue(worst <= maxUlps, what + ": " + worst + " ulps at x = " + worstX);
    }

    @Test
    void expIsWithinTwoUlpsOverTheNormalRange() {
        float[] x = grid(-87.3f, 88.72f, 300_001);  // odd length: the tail path is covered too
        for (VectorSpecies<Float> s : SPECIES) assertUlps("exp " + s, x, exp(s, x), Math::exp, 2);
    }

    @Test
    void expSubtractsTheShift() {
        float[] x = {3f, 2f, 1f, -50f, 7f};
        VectorMath.exp(FloatVector.SPECIES_128, x, 1, 3, 2f);  // only x[1..3], minus 2
        assertEquals(3f, x[0], 0f);
        assertEquals(1f, x[1], 0f);
        assertEquals((float) Math.exp(-1), x[2], Math.ulp((float) Math.exp(-1)));
        assertEquals((float) Math.exp(-52), x[3], 2 * Math.ulp((float) Math.exp(-52)));
        assertEquals(7f, x[4], 0f);
    }

    @Test
    void expLimitsAndSpecials() {
        float[] x = {0f, -0f, -105f, -1e9f, Float.NEGATIVE_INFINITY, 89f, 1e9f, Float.POSITIVE_INFINITY, Float.NaN, 88.72f, -100f, -90f};
        float[] y = exp(FloatVector.SPECIES_256, x);
        assertEquals(1f, y[0], 0f);
        assertEquals(1f, y[1], 0f);
        for (int i = 2; i <= 4; i++) assertEquals(0f, y[i], 0f, "underflow at " + x[i]);
        for (int i = 5; i <= 7; i++) assertEquals(Float.POSITIVE_INFINITY, y[i], 0f, "overflow at " + x[i]);
        assertTrue(Float.isNaN(y[8]), "NaN propagates");
        assertEquals((float) Math.exp(88.72f), y[9], 2 * Math.ulp((float) Math.exp(88.72f)), "largest finite results");
        for (int i = 10; i <= 11; i++) {
            assertEquals((float) Math.exp(x[i]), y[i], 2 * Float.MIN_VALUE, "subnormal result at " + x[i]);
        }
    }

    @Test
    void tanhIsWithinThreeUlpsAndSaturates() {
        float[] x = grid(-12f, 12f, 300_001);
        for (VectorSpecies<Float> s : SPECIES) assertUlps("tanh " + s, x, tanh(s, x), Math::tanh, 3);
        float[] tiny = {1e-30f, -1e-20f, 1e-6f, 0f};
        float[] y = tanh(FloatVector.SPECIES_128, tiny);
        for (int i = 0; i < tiny.length; i++) assertEquals(tiny[i], y[i], Math.ulp(tiny[i]), "tanh(x) ≈ x near 0");
        float[] big = {50f, -50f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        float[] yb = tanh(FloatVector.SPECIES_128, big);
        for (int i = 0; i < big.length; i++) assertEquals(Math.signum(big[i]), yb[i], 0f, "saturates at " + big[i]);
    }
}
