package hifi.glue.metrics;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class CorrelationMetricsTest {

    @Test
    void pearsonClosedForm() {
        // means 2 and 13/3; Σdxdy = 5, Σdx² = 2, Σdy² = 114/9  →  r = 15/√228
        assertEquals(15 / Math.sqrt(228), PearsonCorrelation.of(new double[]{1, 2, 3}, new double[]{2, 4, 7}), 1e-15);
        assertTrue(Double.isNaN(PearsonCorrelation.of(new double[]{1, 1, 1}, new double[]{1, 2, 3})));
    }

    @Test
    void spearmanWithTiesClosedForm() {
        // ranks x = (1, 2.5, 2.5, 4), y = (1, 3, 2, 4): Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5  →  ρ = 3/√10
        assertEquals(3 / Math.sqrt(10), SpearmanCorrelation.of(new double[]{1, 2, 2, 3}, new double[]{1, 3, 2, 4}), 1e-15);
        assertArrayEquals(new double[]{4, 1.5, 1.5, 3}, SpearmanCorrelation.ranks(new double[]{9, -1, -1, 5}));
    }

    @Test
    void spearmanWithoutTiesMatchesTheRankDifferenceFormula() {
        double[] x = {3, 1, 4, 1.5, 5, 9, 2.6};
        double[] y = {2, 7, 1, 8, 2.8, 1.8, 2.9};
        double[] rx = SpearmanCorrelation.ranks(x), ry = SpearmanCorrelation.ranks(y);
        double d2 = 0;
        for (int i = 0; i < x.length; i++) d2 += (rx[i] - ry[i]) * (rx[i] - ry[i]);
        int n = x.length;
        assertEquals(1 - 6 * d2 / (n * ((double) n * n - 1)), SpearmanCorrelation.of(x, y), 1e-14);
    }

    @Test
    void matchCommonsMathOnRandomDataWithManyTies() {
        Random rng = new Random(11);
        PearsonsCorrelation pearson = new PearsonsCorrelation();
        SpearmansCorrelation spearman = new SpearmansCorrelation(); // natural ranking, ties averaged
        for (int trial = 0; trial < 30; trial++) {
            int n = 3 + rng.nextInt(500);
            double[] gold = new double[n];
            double[] pred = new double[n];
            for (int i = 0; i < n; i++) {
                gold[i] = rng.nextInt(26) / 5.0;                                  // STS-B-like scores on a 0.2 grid
                pred[i] = trial % 2 == 0 ? gold[i] + rng.nextGaussian() : Math.round(rng.nextDouble() * 4);
            }
            assertEquals(pearson.correlation(pred, gold), PearsonCorrelation.of(pred, gold), 1e-12, "pearson " + trial);
            assertEquals(spearman.correlation(pred, gold), SpearmanCorrelation.of(pred, gold), 1e-12, "spearman " + trial);
        }
    }
}
