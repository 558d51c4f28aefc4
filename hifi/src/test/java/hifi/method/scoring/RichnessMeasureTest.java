package hifi.method.scoring;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Oracle: Commons Math's SVD of the head output itself (never formed by the production path). */
class RichnessMeasureTest {

    private static double[] sigmaFromGram(double[][] o) {
        int k = o[0].length;
        return SingularValues.fromGram(TestMatrices.crossGram(o, o), k);
    }

    private static double[] svd(double[][] o) {
        return new SingularValueDecomposition(new Array2DRowRealMatrix(o)).getSingularValues();
    }

    @Test
    void nuclearEqualsSumOfSvdSingularValuesForFullRankOutputs() {
        Random rnd = new Random(21);
        for (int[] shape : new int[][] {{64, 64}, {128, 64}, {70, 64}, {5, 3}, {1, 1}, {9, 1}}) {
            double[][] o = TestMatrices.gaussian(rnd, shape[0], shape[1]);
            double expected = 0;
            for (double s : svd(o)) expected += s;
            expected /= Math.sqrt(shape[0]);
            double got = new NuclearNormRichness().of(sigmaFromGram(o), shape[0]);
            assertEquals(expected, got, 1e-9 * expected, "shape " + shape[0] + "×" + shape[1]);
        }
    }

    /**
     * With fewer tokens than head dimensions, {@code G} has exactly-zero eigenvalues that come out as about
     * {@code ±1e-16 λ_max}; their square roots add up to {@code (d_h − n) · 1e-8 σ_max}. Hence 1e-6 here.
     */
    @Test
    void nuclearOnRankDeficientOutputsWithinTheGramBound() {
        Random rnd = new Random(22);
        for (int n : new int[] {3, 10, 40}) {
            double[][] o = TestMatrices.gaussian(rnd, n, 64);
            double expected = 0;
            for (double s : svd(o)) expected += s;
            double got = new NuclearNormRichness().of(sigmaFromGram(o), n) * Math.sqrt(n);
            assertEquals(expected, got, 1e-6 * expected, n + " tokens");
        }
    }

    @Test
    void alternativesMatchTheirDefinitionsOnSvdValues() {
        Random rnd = new Random(23);
        double[][] o = TestMatrices.gaussian(rnd, 100, 16);
        for (int j = 0; j < 16; j++) for (double[] row : o) row[j] *= Math.pow(0.5, j); // a decaying spectrum
        double[] s = svd(o);
        double[] g = sigmaFromGram(o);

        double total = 0;
        for (double v : s) total += v;
        double entropy = 0;
        for (double v : s) entropy -= v / total * Math.log(v / total);
        assertEquals(Math.exp(entropy), new EntropyRankRichness().of(g, 100), 1e-9 * Math.exp(entropy));

        int above = 0;
        for (double v : s) if (v > 1e-3 * s[0]) above++;
        assertEquals(above, new ThresholdRankRichness(1e-3).of(g, 100));
        assertTrue(above < 16 && above > 1, "the spectrum must straddle the threshold for this check to mean something");

        double top = 0, all = 0;
        for (int i = 0; i < s.length; i++) {
            all += s[i] * s[i];
            if (i < 3) top += s[i] * s[i];
        }
        assertEquals(top / all, new TopEnergyRichness(3).of(g, 100), 1e-12);
    }

    @Test
    void zeroOutputsGiveZeroRichness() {
        double[] zeros = new double[8];
        assertEquals(0, new NuclearNormRichness().of(zeros, 4));
        assertEquals(0, new EntropyRankRichness().of(zeros, 4));
        assertEquals(0, new ThresholdRankRichness(1e-3).of(zeros, 4));
        assertEquals(0, new TopEnergyRichness(2).of(zeros, 4));
    }

    @Test
    void namesParse() {
        assertInstanceOf(NuclearNormRichness.class, RichnessMeasure.byName("nuclear"));
        assertInstanceOf(NuclearNormRichness.class, RichnessMeasure.defaultMeasure());
        assertInstanceOf(EntropyRankRichness.class, RichnessMeasure.byName("entropy_rank"));
        assertEquals("thresh_rank:0.001", RichnessMeasure.byName("thresh_rank").name());
        assertEquals("thresh_rank:0.01", RichnessMeasure.byName("thresh_rank:1e-2").name());
        assertEquals("topk_energy:8", RichnessMeasure.byName("topk_energy").name());
        assertEquals("topk_energy:4", RichnessMeasure.byName("topk_energy:4").name());
        assertThrows(IllegalArgumentException.class, () -> RichnessMeasure.byName("rank"));
        assertThrows(IllegalArgumentException.class, () -> RichnessMeasure.byName("nuclear:2"));
        assertThrows(IllegalArgumentException.class, () -> RichnessMeasure.byName("topk_energy:x"));
        assertThrows(IllegalArgumentException.class, () -> RichnessMeasure.byName("topk_energy:0"));
    }
}
