package hifi.method.stats;

import hifi.engine.backend.ReferenceBackend;
import hifi.method.scoring.CorrelationMeasure;
import hifi.method.scoring.GramSummary;
import hifi.method.scoring.HeadStatistics;
import hifi.method.scoring.RichnessMeasure;
import hifi.method.scoring.TestMatrices;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The statistics pass against a direct oracle (Commons Math SVD per head and example; RV from double centred Grams),
 * and its independence from batching, padding layout, tensor strides and thread count.
 *
 * <p>Tolerances: richness 1e-6 relative (double Gram; examples with fewer tokens than {@code d_h} carry up to
 * {@code (d_h − n)·1e-8} relative, see SingularValues); correlations 1e-6 absolute (float GEMM of the cross blocks,
 * RV ∈ [0, 1]). Across batchings and thread counts the bound is 1e-6 relative; by construction the results are
 * identical.
 */
class HeadStatisticsAccumulatorTest {
    private static final int LAYERS = 3, HEADS = 4, HEAD_DIM = 6;
    private final SyntheticContexts data = new SyntheticContexts(71, 10, LAYERS, HEADS, HEAD_DIM, 14);

    private HeadStatisticsAccumulator accumulator(boolean crossLayer, int splitAt) {
        return accumulator(crossLayer, splitAt, new ReferenceBackend());
    }

    private HeadStatisticsAccumulator accumulator(boolean crossLayer, int splitAt, ReferenceBackend backend) {
        return new HeadStatisticsAccumulator(LAYERS, HEADS, RichnessMeasure.defaultMeasure(), CorrelationMeasure.defaultMeasure(),
                crossLayer, backend, splitAt);
    }

    private double oracleInformation(int from, int to, int l, int h) {
        double sum = 0;
        for (int x = from; x < to; x++) {
            double s = 0;
            for (double v : new SingularValueDecomposition(new Array2DRowRealMatrix(data.head(x, l, h))).getSingularValues()) s += v;
            sum += s / Math.sqrt(data.tokens[x]);
        }
        return sum / (to - from);
    }

    private double oracleRv(int from, int to, int l1, int h1, int l2, int h2) {
        double sum = 0;
        for (int x = from; x < to; x++) {
            double[][] zx = TestMatrices.centred(data.head(x, l1, h1)), zy = TestMatrices.centred(data.head(x, l2, h2));
            sum += CorrelationMeasure.defaultMeasure().of(GramSummary.of(TestMatrices.crossGram(zx, zy), HEAD_DIM),
                    GramSummary.of(TestMatrices.crossGram(zx, zx), HEAD_DIM), GramSummary.of(TestMatrices.crossGram(zy, zy), HEAD_DIM), data.tokens[x]);
        }
        return sum / (to - from);
    }

    private void assertMatchesOracle(HeadStatistics s, int from, int to) {
        assertEquals(to - from, s.samples());
        for (int l = 0; l < LAYERS; l++) {
            for (int h = 0; h < HEADS; h++) {
                double expected = oracleInformation(from, to, l, h);
                assertEquals(expected, s.information()[l][h], 1e-6 * expected, "I[" + l + "][" + h + "]");
                assertEquals(0, s.correlation()[l][h][h]);
                for (int j = 0; j < HEADS; j++) {
                    if (j != h) assertEquals(oracleRv(from, to, l, h, l, j), s.correlation()[l][h][j], 1e-6, "R[" + l + "][" + h + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void matchesTheOracleAndSplitsIntoHalves() {
        HeadStatisticsAccumulator acc = accumulator(false, 4);
        data.feed(acc, 3, true, false);
        assertEquals(10, acc.samples());
        assertMatchesOracle(acc.statistics(), 0, 10);
        assertMatchesOracle(acc.statistics(HeadStatisticsAccumulator.FIRST_HALF), 0, 4);
        assertMatchesOracle(acc.statistics(HeadStatisticsAccumulator.SECOND_HALF), 4, 10);
        assertNull(acc.statistics().globalCorrelation());
    }

    @Test
    void doesNotDependOnBatchingPaddingStridesOrThreads() {
        HeadStatisticsAccumulator reference = accumulator(true, HeadStatisticsAccumulator.NO_SPLIT, new ReferenceBackend(1));
        data.feed(reference, 1, false, false);
        HeadStatistics expected = reference.statistics();
        int[][] runs = {{3, 1, 1, 0}, {4, 3, 0, 1}, {10, 2, 1, 1}, {7, 1, 0, 0}};
        for (int[] run : runs) {
            HeadStatisticsAccumulator acc = accumulator(true, HeadStatisticsAccumulator.NO_SPLIT, new ReferenceBackend(run[1]));
            data.feed(acc, run[0], run[2] == 1, run[3] == 1);
            assertClose(expected, acc.statistics(), "batch " + run[0] + ", threads " + run[1]);
        }
    }

    private static void assertClose(HeadStatistics a, HeadStatistics b, String what) {
        for (int l = 0; l < LAYERS; l++) {
            for (int i = 0; i < HEADS; i++) {
                assertEquals(a.information()[l][i], b.information()[l][i], 1e-6 * Math.abs(a.information()[l][i]), what);
                for (int j = 0; j < HEADS; j++) {
                    assertEquals(a.correlation()[l][i][j], b.correlation()[l][i][j], 1e-6 * Math.abs(a.correlation()[l][i][j]), what);
                }
            }
        }
        int n = LAYERS * HEADS;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(a.globalCorrelation()[i][j], b.globalCorrelation()[i][j], 1e-6 * Math.abs(a.globalCorrelation()[i][j]), what);
            }
        }
    }

    @Test
    void crossLayerCorrelationsMatchTheOracle() {
        HeadStatisticsAccumulator acc = accumulator(true, HeadStatisticsAccumulator.NO_SPLIT);
        data.feed(acc, 4, true, true);
        HeadStatistics s = acc.statistics();
        double[][] g = s.requireGlobalCorrelation();
        for (int a = 0; a < LAYERS * HEADS; a++) {
            assertEquals(0, g[a][a]);
            for (int b = 0; b < LAYERS * HEADS; b++) {
                if (a == b) continue;
                int la = a / HEADS, lb = b / HEADS;
                assertEquals(g[a][b], g[b][a], 0, "symmetric");
                if (la == lb) assertEquals(s.correlation()[la][a % HEADS][b % HEADS], g[a][b], 0);
                else assertEquals(oracleRv(0, 10, la, a % HEADS, lb, b % HEADS), g[a][b], 1e-6, "global R[" + a + "][" + b + "]");
            }
        }
    }

    @Test
    void rejectsOutOfOrderLayersAndIncompleteBatches() {
        HeadStatisticsAccumulator acc = accumulator(false, HeadStatisticsAccumulator.NO_SPLIT);
        var ctx = hifi.engine.tensor.Tensor.zeros(1, 2, HEADS * HEAD_DIM);
        assertThrows(IllegalStateException.class, () -> acc.onContext(1, ctx, new int[] {1, 1}));
        acc.onContext(0, ctx, new int[] {1, 1});
        assertThrows(IllegalStateException.class, acc::statistics);
        assertThrows(IllegalArgumentException.class, () -> acc.onContext(1, ctx, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> acc.onContext(1, ctx, new int[] {0, 0}));
    }
}
