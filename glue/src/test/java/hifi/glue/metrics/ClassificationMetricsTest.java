package hifi.glue.metrics;

import org.apache.commons.math3.stat.correlation.Covariance;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ClassificationMetricsTest {
    // TP = 2 (rows 0, 4), FP = 1 (row 1), TN = 1 (row 2), FN = 1 (row 3)
    private static final int[] PRED = {1, 1, 0, 0, 1};
    private static final int[] GOLD = {1, 0, 0, 1, 1};

    @Test
    void handComputedBinaryCase() {
        assertEquals(3.0 / 5, Accuracy.of(PRED, GOLD), 1e-15);
        assertEquals(2.0 * 2 / (2 * 2 + 1 + 1), F1Score.ofPositiveClass(PRED, GOLD, 1), 1e-15);
        // (TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN)) = (2 − 1) / √(3·3·2·2)
        assertEquals(1.0 / 6, MatthewsCorrelation.of(PRED, GOLD), 1e-15);
    }

    @Test
    void degenerateCasesFollowScikitLearn() {
        int[] allZero = {0, 0, 0};
        assertEquals(0.0, F1Score.ofPositiveClass(allZero, allZero, 1));
        assertEquals(0.0, MatthewsCorrelation.of(allZero, new int[]{0, 1, 1}));
        assertEquals(1.0, MatthewsCorrelation.of(new int[]{0, 1, 1}, new int[]{0, 1, 1}), 1e-15);
        assertEquals(-1.0, MatthewsCorrelation.of(new int[]{1, 0, 0}, new int[]{0, 1, 1}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Accuracy.of(new int[]{1}, new int[]{1, 0}));
        assertThrows(IllegalArgumentException.class, () -> Accuracy.of(new int[0], new int[0]));
    }

    /**
     * Gorodkin's multi-class MCC equals the correlation of the one-hot indicator matrices:
     * Σ_k cov(x_k, y_k) / √(Σ_k var(x_k) · Σ_k var(y_k)). Computed here with Commons Math's covariance.
     */
    @Test
    void multiClassMatchesOneHotCorrelationFromCommonsMath() {
        Random rng = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + rng.nextInt(200);
            int classes = 2 + rng.nextInt(3);
            int[] pred = new int[n];
            int[] gold = new int[n];
            for (int i = 0; i < n; i++) {
                gold[i] = rng.nextInt(classes);
                pred[i] = rng.nextDouble() < 0.6 ? gold[i] : rng.nextInt(classes);
            }
            double cross = 0, vp = 0, vg = 0;
            Covariance cov = new Covariance();
            for (int k = 0; k < classes; k++) {
                double[] xp = indicator(pred, k);
                double[] xg = indicator(gold, k);
                cross += cov.covariance(xp, xg);
                vp += cov.covariance(xp, xp);
                vg += cov.covariance(xg, xg);
            }
            double expected = vp == 0 || vg == 0 ? 0 : cross / Math.sqrt(vp * vg);
            assertEquals(expected, MatthewsCorrelation.of(pred, gold), 1e-12, "trial " + trial);
        }
    }

    private static double[] indicator(int[] labels, int k) {
        double[] v = new double[labels.length];
        for (int i = 0; i < v.length; i++) v[i] = labels[i] == k ? 1 : 0;
        return v;
    }
}
