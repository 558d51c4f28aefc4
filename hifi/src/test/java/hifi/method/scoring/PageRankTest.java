package hifi.method.scoring;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Oracle: the closed form {@code (I − d M̃) r = (1 − d) p} solved by Commons Math's LU, where {@code M̃} is {@code M}
 * with every zero column replaced by {@code p}. To compare at 1e-9 the iteration runs to an L1 tolerance of 1e-14
 * (the default 1e-6 bounds the error by about {@code 1e-6 · d / (1 − d)}).
 */
class PageRankTest {
    private static final PageRank TIGHT = new PageRank(0.85, 1e-14, 10_000);

    /** A random column-stochastic matrix with some zero columns (no self loops). */
    private static double[][] randomGraph(Random rnd, int n, int zeroColumns) {
        double[][] m = new double[n][n];
        for (int j = 0; j < n; j++) {
            if (j < zeroColumns) continue;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                if (i != j && rnd.nextDouble() < 0.6) sum += m[i][j] = rnd.nextDouble();
            }
            if (sum == 0) m[(j + 1) % n][j] = sum = 1;
            for (int i = 0; i < n; i++) m[i][j] /= sum;
        }
        if (n == 1) m[0][0] = zeroColumns > 0 ? 0 : 1;
        return m;
    }

    private static double[] randomTeleport(Random rnd, int n) {
        double[] p = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) s += p[i] = rnd.nextDouble() + 0.01;
        for (int i = 0; i < n; i++) p[i] /= s;
        return p;
    }

    static double[] closedForm(double[][] m, double[] p, double d) {
        int n = p.length;
        RealMatrix a = new Array2DRowRealMatrix(n, n);
        for (int j = 0; j < n; j++) {
            double col = 0;
            for (int i = 0; i < n; i++) col += m[i][j];
            for (int i = 0; i < n; i++) a.setEntry(i, j, (i == j ? 1 : 0) - d * (col == 0 ? p[i] : m[i][j]));
        }
        ArrayRealVector rhs = new ArrayRealVector(p);
        rhs.mapMultiplyToSelf(1 - d);
        return new LUDecomposition(a).getSolver().solve(rhs).toArray();
    }

    @Test
    void matchesTheClosedFormOnRandomGraphs() {
        Random rnd = new Random(41);
        for (int n : new int[] {1, 2, 3, 5, 12, 16, 40, 144}) {
            for (int zeros : new int[] {0, 1, n / 3}) {
                double[][] m = randomGraph(rnd, n, Math.min(zeros, n));
                double[] p = rnd.nextBoolean() ? randomTeleport(rnd, n) : uniform(n);
                PageRank.Result r = TIGHT.run(m, p);
                double[] expected = closedForm(m, p, 0.85);
                assertTrue(r.converged(), "n = " + n);
                for (int i = 0; i < n; i++) assertEquals(expected[i], r.scores()[i], 1e-9, "n = " + n + ", zero columns " + zeros + ", node " + i);
            }
        }
    }

    @Test
    void allColumnsDanglingGivesTheTeleportVector() {
        double[] p = {0.5, 0.3, 0.2};
        PageRank.Result r = TIGHT.run(new double[3][3], p);
        for (int i = 0; i < 3; i++) assertEquals(p[i], r.scores()[i], 1e-12);
    }

    @Test
    void defaultsConvergeQuicklyAndReportIterations() {
        Random rnd = new Random(42);
        double[][] m = randomGraph(rnd, 12, 1);
        double[] p = uniform(12);
        PageRank.Result r = PageRank.defaults().run(m, p);
        assertTrue(r.converged());
        assertTrue(r.iterations() > 1 && r.iterations() < 100, "iterations " + r.iterations());
        double[] expected = closedForm(m, p, 0.85);
        // error bound after the L1 stopping rule: ‖r − r*‖₁ ≤ d/(1−d) · 1e-6
        double err = 0;
        for (int i = 0; i < 12; i++) err += Math.abs(expected[i] - r.scores()[i]);
        assertTrue(err <= 0.85 / 0.15 * 1e-6, "L1 error " + err);
    }

    @Test
    void flagsARunThatHitsTheIterationCap() {
        double[][] m = randomGraph(new Random(43), 8, 0);
        PageRank.Result r = new PageRank(0.85, 1e-6, 2).run(m, uniform(8));
        assertEquals(2, r.iterations());
        assertFalse(r.converged());
        double sum = 0;
        for (double v : r.scores()) sum += v;
        assertEquals(1, sum, 1e-12);
    }

    @Test
    void rejectsBadInput() {
        double[][] notStochastic = {{0, 0.5}, {0.4, 0}};
        assertThrows(IllegalArgumentException.class, () -> PageRank.defaults().run(notStochastic, uniform(2)));
        assertThrows(IllegalArgumentException.class, () -> PageRank.defaults().run(new double[2][2], new double[] {0.6, 0.6}));
        assertThrows(IllegalArgumentException.class, () -> PageRank.defaults().run(new double[][] {{0, -1}, {1, 2}}, uniform(2)));
        assertThrows(IllegalArgumentException.class, () -> new PageRank(1.0, 1e-6, 100));
    }

    static double[] uniform(int n) {
        double[] p = new double[n];
        java.util.Arrays.fill(p, 1.0 / n);
        return p;
    }
}
