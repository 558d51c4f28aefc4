package hifi.method.stability;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankingAgreementTest {

    @Test
    void identicalAndReversedRankings() {
        double[][] a = {{0.1, 0.2, 0.3, 0.4}, {4, 3, 2, 1}};
        RankingAgreement same = RankingAgreement.between(a, a);
        assertEquals(1, same.meanLayerTau(), 0);
        assertEquals(1, same.globalTau(), 0);
        assertEquals(1, same.topOne(), 0);
        double[][] reversed = {{0.4, 0.3, 0.2, 0.1}, {1, 2, 3, 4}};
        RankingAgreement r = RankingAgreement.between(a, reversed);
        assertArrayEquals(new double[] {-1, -1}, r.layerTau(), 0);
        assertEquals(-1, r.meanLayerTau(), 0);
        assertEquals(0, r.topOne(), 0, "no layer keeps its best head");
    }

    @Test
    void handComputedTauWithTies() {
        // a = (1, 2, 2, 3), b = (1, 2, 3, 3): of the 6 pairs, (0,1) (0,2) (0,3) (1,3) are concordant, (1,2) is tied in a
        // only, (2,3) in b only; τ_b = (4 − 0) / √((6 − 1)(6 − 1)) = 0.8
        RankingAgreement t = RankingAgreement.between(new double[][] {{1, 2, 2, 3}}, new double[][] {{1, 2, 3, 3}});
        assertEquals(0.8, t.meanLayerTau(), 1e-15);
        // (1, 2, 3, 4) against (1, 3, 2, 4): one discordant pair of 6, τ = (5 − 1) / 6
        RankingAgreement u = RankingAgreement.between(new double[][] {{1, 2, 3, 4}}, new double[][] {{1, 3, 2, 4}});
        assertEquals(2 / 3.0, u.meanLayerTau(), 1e-15);
        assertEquals(1, u.topOne(), 0, "head 3 is best in both");
    }

    @Test
    void globalTauCountsPairsAcrossLayers() {
        // layer 0 swaps its two heads, layer 1 agrees: τ per layer −1 and 1 (mean 0); flattened (1,2,3,4) against
        // (2,1,3,4) has one discordant pair of 6: τ = 4/6; the best head agrees in layer 1 only
        RankingAgreement g = RankingAgreement.between(new double[][] {{1, 2}, {3, 4}}, new double[][] {{2, 1}, {3, 4}});
        assertArrayEquals(new double[] {-1, 1}, g.layerTau(), 0);
        assertEquals(0, g.meanLayerTau(), 0);
        assertEquals(2 / 3.0, g.globalTau(), 1e-15);
        assertEquals(0.5, g.topOne(), 0);
    }

    @Test
    void matchesCommonsMathOnRandomScores() {
        Random rnd = new Random(5);
        double[][] a = new double[3][12], b = new double[3][12];
        for (int l = 0; l < 3; l++) {
            for (int h = 0; h < 12; h++) {
                a[l][h] = rnd.nextInt(6);                 // ties
                b[l][h] = a[l][h] + rnd.nextGaussian();
            }
        }
        RankingAgreement r = RankingAgreement.between(a, b);
        double sum = 0;
        for (int l = 0; l < 3; l++) {
            double expected = new KendallsCorrelation().correlation(a[l], b[l]);
            assertEquals(expected, r.layerTau()[l], 1e-12);
            sum += expected;
        }
        assertEquals(sum / 3, r.meanLayerTau(), 1e-12);
    }

    @Test
    void tiedBestHeadsGoToTheLowerIndexAndConstantLayersAreSkipped() {
        // layer 0 is constant in a: τ undefined there, and its best head is head 0 (the lower index), as in b
        RankingAgreement r = RankingAgreement.between(new double[][] {{1, 1, 1}, {1, 2, 3}}, new double[][] {{3, 2, 1}, {1, 2, 3}});
        assertTrue(Double.isNaN(r.layerTau()[0]));
        assertEquals(1, r.meanLayerTau(), 0, "the mean of the defined layers");
        assertEquals(1, r.topOne(), 0);
    }

    @Test
    void averageIsPerLayerAndPerSummarySkippingUndefinedValues() {
        RankingAgreement x = new RankingAgreement(new double[] {1, Double.NaN}, 1, 0.5, 1);
        RankingAgreement y = new RankingAgreement(new double[] {0, 0.5}, 0.25, Double.NaN, 0.5);
        RankingAgreement m = RankingAgreement.average(List.of(x, y));
        assertArrayEquals(new double[] {0.5, 0.5}, m.layerTau(), 0);
        assertEquals(0.625, m.meanLayerTau(), 0);
        assertEquals(0.5, m.globalTau(), 0);
        assertEquals(0.75, m.topOne(), 0);
    }

    @Test
    void rejectsRankingsOfDifferentShapes() {
        assertThrows(IllegalArgumentException.class, () -> RankingAgreement.between(new double[][] {{1, 2}}, new double[][] {{1, 2}, {3, 4}}));
        assertThrows(IllegalArgumentException.class, () -> RankingAgreement.between(new double[][] {{1, 2}}, new double[][] {{1, 2, 3}}));
    }
}
