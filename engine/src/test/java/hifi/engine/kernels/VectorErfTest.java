package hifi.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link VectorErf} against Commons Math's double-precision {@code Erf.erf} (an independent implementation). The
 * bound, 1.5e-7 absolute, is what the fit promises (1.15e-7 in the fitting script's float32 simulation) plus a margin
 * for the Vector API's {@code exp} (≤ 1 ulp); it is about 2.5 float ulps at erf ≈ 0.8, where most of the error sits.
 */
class VectorErfTest {
    private static final double BOUND = 1.5e-7;

    @Test
    void matchesCommonsMathOnADenseGridAtEveryWidth() {
        for (VectorSpecies<Float> s : List.of(FloatVector.SPECIES_512, FloatVector.SPECIES_256, FloatVector.SPECIES_128)) {
            int n = 200_000;
            float[] x = new float[n], y = new float[n];
            for (int i = 0; i < n; i++) x[i] = -6f + 12f * i / (n - 1);
            VectorErf.erf(s, x, y, new float[n], n - 3);  // n − 3: a tail that is not a whole vector
            for (int i = n - 3; i < n; i++) y[i] = VectorErf.erf(x[i]);
            double worst = 0;
            float worstX = 0;
            for (int i = 0; i < n; i++) {
                double err = Math.abs(y[i] - Erf.erf(x[i]));
                if (err > worst) {
                    worst = err;
                    worstX = x[i];
                }
            }
            assertTrue(worst <= BOUND, s + ": max |erf error| " + worst + " at x = " + worstX);
        }
    }

    @Test
    void isOddExactAtZeroAndSaturatesToOne() {
        for (float x : new float[] {1e-30f, 1e-6f, 0.3f, 0.874f, 0.875f, 0.876f, 2f, 3.9199f, 3.92f, 5f, 1e30f}) {
            assertEquals(-VectorErf.erf(x), VectorErf.erf(-x), 0f, "odd at " + x);
            assertEquals(Erf.erf(x), VectorErf.erf(x), BOUND, "value at " + x);
        }
        assertEquals(0f, VectorErf.erf(0f), 0f);
        assertEquals(1f, VectorErf.erf(Float.POSITIVE_INFINITY), 0f);
        assertEquals(-1f, VectorErf.erf(Float.NEGATIVE_INFINITY), 0f);
        assertTrue(Float.isNaN(VectorErf.erf(Float.NaN)), "NaN propagates");
    }
}
