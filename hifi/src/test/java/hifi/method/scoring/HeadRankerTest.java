package hifi.method.scoring;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rankers wire statistics, graphs and PageRank together as documented. */
class HeadRankerTest {
    private static final int LAYERS = 3, HEADS = 5;

    private static HeadStatistics randomStatistics(long seed, boolean global) {
        Random rnd = new Random(seed);
        double[][] info = new double[LAYERS][HEADS];
        double[][][] corr = new double[LAYERS][HEADS][HEADS];
        int n = LAYERS * HEADS;
        double[][] g = new double[n][n];
        for (int a = 0; a < n; a++) for (int b = a + 1; b < n; b++) g[a][b] = g[b][a] = rnd.nextDouble();
        for (int l = 0; l < LAYERS; l++) {
            for (int h = 0; h < HEADS; h++) info[l][h] = (l + 1) * (0.5 + rnd.nextDouble());
            for (int i = 0; i < HEADS; i++) for (int j = 0; j < HEADS; j++) if (i != j) corr[l][i][j] = g[l * HEADS + i][l * HEADS + j];
        }
        return new HeadStatistics(8, info, corr, global ? g : null);
    }

    @Test
    void perLayerPageRankRunsOneGraphPerLayer() {
        HeadStatistics s = randomStatistics(81, false);
        HeadScores scores = PageRankRanker.defaults().rank(s);
        assertEquals(LAYERS, scores.runs().size());
        assertTrue(scores.allConverged());
        for (int l = 0; l < LAYERS; l++) {
            HeadGraph g = HeadGraph.of(s.correlation()[l], s.information()[l], GraphVariant.B);
            PageRank.Result direct = PageRank.defaults().run(g.transition(), g.teleport());
            assertArrayEquals(direct.scores(), scores.scores()[l], 0);
            assertEquals(direct.iterations(), scores.runs().get(l).iterations());
        }
    }

    @Test
    void normalisingInformationChangesNothingPerLayerButMattersGlobally() {
        HeadStatistics s = randomStatistics(82, true);
        for (GraphVariant v : GraphVariant.values()) {
            double[][] raw = new PageRankRanker(v, GraphScope.LAYER, false, PageRank.defaults()).rank(s).scores();
            double[][] normalised = new PageRankRanker(v, GraphScope.LAYER, true, PageRank.defaults()).rank(s).scores();
            for (int l = 0; l < LAYERS; l++) assertArrayEquals(raw[l], normalised[l], 1e-12, "variant " + v);
        }
        HeadScores raw = new PageRankRanker(GraphVariant.B, GraphScope.GLOBAL, false, PageRank.defaults()).rank(s);
        HeadScores normalised = new PageRankRanker(GraphVariant.B, GraphScope.GLOBAL, true, PageRank.defaults()).rank(s);
        assertEquals(1, raw.runs().size());
        double total = 0, diff = 0;
        for (int l = 0; l < LAYERS; l++) for (int h = 0; h < HEADS; h++) {
            total += raw.scores()[l][h];
            diff += Math.abs(raw.scores()[l][h] - normalised.scores()[l][h]);
        }
        assertEquals(1, total, 1e-9, "one global probability vector");
        assertTrue(diff > 1e-3, "layers have different information scales, so normalising must matter globally");
    }

    @Test
    void globalScopeNeedsCrossLayerStatistics() {
        HeadStatistics s = randomStatistics(83, false);
        assertThrows(IllegalStateException.class, () -> new PageRankRanker(GraphVariant.B, GraphScope.GLOBAL, false, PageRank.defaults()).rank(s));
    }

    @Test
    void ablationRankers() {
        HeadStatistics s = randomStatistics(84, true);
        HeadScores info = new InformationOnlyRanker().rank(s);
        for (int l = 0; l < LAYERS; l++) assertArrayEquals(s.information()[l], info.scores()[l], 0);
        assertTrue(info.runs().isEmpty());

        HeadScores corr = new CorrelationOnlyRanker(GraphScope.LAYER, PageRank.defaults()).rank(s);
        for (int l = 0; l < LAYERS; l++) {
            HeadGraph g = HeadGraph.correlationOnly(s.correlation()[l]);
            assertArrayEquals(PageRank.defaults().run(g.transition(), g.teleport()).scores(), corr.scores()[l], 0);
        }
        assertEquals("corr-only-global", new CorrelationOnlyRanker(GraphScope.GLOBAL, PageRank.defaults()).name());
    }
}
