package hifi.glue.report;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PairedBootstrapTest {

    @Test
    void identicalDifferencesGiveAZeroWidthIntervalAtThatValue() {
        var d = PairedBootstrap.of(new double[] {0.70, 0.65, 0.61}, new double[] {0.68, 0.63, 0.59});
        assertEquals(0.02, d.mean(), 1e-12);
        assertEquals(0.02, d.low(), 1e-12);
        assertEquals(0.02, d.high(), 1e-12);
        assertEquals(3, d.n());
    }

    @Test
    void twoPairsSpanTheirExtremes() {
        // differences {0, 1}: a resampled mean is 0 or 1 with probability 1/4 each, so both 2.5 % tails sit on them
        var d = PairedBootstrap.of(new double[] {1, 2}, new double[] {1, 1});
        assertEquals(0.5, d.mean(), 1e-12);
        assertEquals(0, d.low(), 1e-12);
        assertEquals(1, d.high(), 1e-12);
    }

    @Test
    void largeSamplesMatchTheNormalApproximation() {
        Random r = new Random(7);
        int n = 40;
        double[] a = new double[n], b = new double[n], diff = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = 0.6 + 0.05 * r.nextGaussian();
            a[i] = b[i] + 0.03 + 0.02 * r.nextGaussian();
            diff[i] = a[i] - b[i];
        }
        double mean = Arrays.stream(diff).average().orElseThrow();
        // the bootstrap's standard error is the plug-in one: s · √((n − 1) / n) / √n
        double se = new StandardDeviation().evaluate(diff) * Math.sqrt((n - 1.0) / n) / Math.sqrt(n);
        double z = new NormalDistribution().inverseCumulativeProbability(0.975);
        var d = PairedBootstrap.of(a, b);
        assertEquals(mean, d.mean(), 1e-12);
        assertEquals(mean - z * se, d.low(), 0.1 * z * se);
        assertEquals(mean + z * se, d.high(), 0.1 * z * se);
        assertEquals(d, PairedBootstrap.of(a, b), "a fixed seed gives the same interval every time");
    }

    @Test
    void quantileInterpolatesLikeCommonsMathR7() {
        double[] v = new Random(3).doubles(101).sorted().toArray();
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        for (double q : new double[] {0.025, 0.5, 0.975}) assertEquals(p.evaluate(v, 100 * q), PairedBootstrap.quantile(v, q), 1e-15);
    }

    @Test
    void rejectsUnpairedScores() {
        assertThrows(IllegalArgumentException.class, () -> PairedBootstrap.of(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> PairedBootstrap.of(new double[0], new double[0]));
    }
}
