package hifi.method.scoring;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Oracles: Commons Math's {@code KendallsCorrelation} (τ-b, O(n log n)) and the sign-product definition. */
class KendallTauTest {

    private static double bruteForce(double[] x, double[] y) {
        double num = 0, sx = 0, sy = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                if (i == j) continue;
                double a = Math.signum(x[i] - x[j]), b = Math.signum(y[i] - y[j]);
                num += a * b;
                sx += a * a;
                sy += b * b;
            }
        }
        return num / Math.sqrt(sx * sy);
    }

    @Test
    void matchesBothOraclesWithAndWithoutTies() {
        Random rnd = new Random(61);
        for (int rep = 0; rep < 50; rep++) {
            int n = 2 + rnd.nextInt(40);
            double[] x = new double[n], y = new double[n];
            boolean ties = rep % 2 == 0;
            for (int i = 0; i < n; i++) {
                x[i] = ties ? rnd.nextInt(5) : rnd.nextDouble();
                y[i] = ties ? rnd.nextInt(4) + 0.3 * x[i] : rnd.nextDouble() + x[i];
            }
            double tau = KendallTau.tauB(x, y);
            if (Double.isNaN(bruteForce(x, y))) {
                assertTrue(Double.isNaN(tau));
                continue;
            }
            assertEquals(bruteForce(x, y), tau, 1e-12, "n = " + n);
            assertEquals(new KendallsCorrelation().correlation(x, y), tau, 1e-12, "n = " + n);
        }
    }

    @Test
    void extremesAndTheUndefinedCase() {
        double[] a = {1, 2, 3, 4, 5};
        assertEquals(1.0, KendallTau.tauB(a, new double[] {10, 20, 30, 40, 50}), 0);
        assertEquals(-1.0, KendallTau.tauB(a, new double[] {5, 4, 3, 2, 1}), 0);
        assertTrue(Double.isNaN(KendallTau.tauB(a, new double[] {7, 7, 7, 7, 7})));
    }
}
