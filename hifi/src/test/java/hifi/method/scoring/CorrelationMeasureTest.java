package hifi.method.scoring;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Correlation measures computed from double centred Gram blocks of explicit head outputs. */
class CorrelationMeasureTest {

    private static double measure(CorrelationMeasure m, double[][] x, double[][] y) {
        double[][] zx = TestMatrices.centred(x), zy = TestMatrices.centred(y);
        int k = x[0].length;
        return m.of(GramSummary.of(TestMatrices.crossGram(zx, zy), k), GramSummary.of(TestMatrices.crossGram(zx, zx), k),
                GramSummary.of(TestMatrices.crossGram(zy, zy), k), x.length);
    }

    @Test
    void rvIsOneForIdenticalOutputs() {
        double[][] x = TestMatrices.gaussian(new Random(31), 40, 8);
        assertEquals(1.0, measure(new RvCoefficient(), x, x), 1e-12);
    }

    @Test
    void rvIsInvariantToScaleAndToARotationOfOneHead() {
        Random rnd = new Random(32);
        double[][] x = TestMatrices.gaussian(rnd, 50, 8);
        double[][] y = TestMatrices.gaussian(rnd, 50, 8);
        for (int t = 0; t < 50; t++) for (int j = 0; j < 8; j++) y[t][j] += 0.7 * x[t][(j + 3) % 8]; // correlated
        double base = measure(new RvCoefficient(), x, y);
        assertTrue(base > 0.1 && base < 0.99, "a partly correlated pair, RV = " + base);
        assertEquals(base, measure(new RvCoefficient(), TestMatrices.scaled(x, 37.5), y), 1e-12);
        assertEquals(base, measure(new RvCoefficient(), x, TestMatrices.scaled(y, 1e-3)), 1e-12);
        double[][] rotated = TestMatrices.multiply(y, TestMatrices.orthogonal(rnd, 8));
        assertEquals(base, measure(new RvCoefficient(), x, rotated), 1e-12);
        assertEquals(base, measure(new RvCoefficient(), y, x), 1e-12, "symmetric");
    }

    @Test
    void rvLiesInTheUnitInterval() {
        Random rnd = new Random(33);
        for (int rep = 0; rep < 200; rep++) {
            int n = 1 + rnd.nextInt(30), k = 1 + rnd.nextInt(6);
            double[][] x = TestMatrices.gaussian(rnd, n, k);
            double[][] y = rep % 3 == 0 ? TestMatrices.scaled(x, -2) : TestMatrices.gaussian(rnd, n, k);
            double rv = measure(new RvCoefficient(), x, y);
            assertTrue(rv >= 0 && rv <= 1, "RV = " + rv + " for n = " + n + ", k = " + k);
        }
    }

    @Test
    void rvIsZeroForAConstantHead() {
        double[][] x = TestMatrices.gaussian(new Random(34), 10, 4);
        double[][] constant = new double[10][4];
        for (double[] r : constant) java.util.Arrays.fill(r, 3.0);
        assertEquals(0, measure(new RvCoefficient(), x, constant));
    }

    @Test
    void absCosineAndCovFroMatchTheirDefinitions() {
        Random rnd = new Random(35);
        double[][] x = TestMatrices.gaussian(rnd, 30, 5), y = TestMatrices.gaussian(rnd, 30, 5);
        double[][] zx = TestMatrices.centred(x), zy = TestMatrices.centred(y);
        double dot = 0, nx = 0, ny = 0;
        for (int t = 0; t < 30; t++) for (int j = 0; j < 5; j++) {
            dot += zx[t][j] * zy[t][j];
            nx += zx[t][j] * zx[t][j];
            ny += zy[t][j] * zy[t][j];
        }
        assertEquals(Math.abs(dot) / Math.sqrt(nx * ny), measure(new AbsCosineCorrelation(), x, y), 1e-12);
        assertEquals(1.0, measure(new AbsCosineCorrelation(), x, TestMatrices.scaled(x, -4)), 1e-12);

        double fro = 0;
        double[] c = TestMatrices.crossGram(zx, zy);
        for (double v : c) fro += v * v;
        assertEquals(Math.sqrt(fro) / 30, measure(new CovarianceFrobenius(), x, y), 1e-12);
    }

    @Test
    void namesParse() {
        assertInstanceOf(RvCoefficient.class, CorrelationMeasure.byName("rv"));
        assertInstanceOf(RvCoefficient.class, CorrelationMeasure.defaultMeasure());
        assertInstanceOf(AbsCosineCorrelation.class, CorrelationMeasure.byName("abs_cosine"));
        assertInstanceOf(CovarianceFrobenius.class, CorrelationMeasure.byName("cov_fro"));
        assertThrows(IllegalArgumentException.class, () -> CorrelationMeasure.byName("pearson"));
    }
}
