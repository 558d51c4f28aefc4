package hifi.method.scoring;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The graph variants against docs/method.md#71-why-information-goes-into-the-edges: for the undamped chain
 * ({@code d → 1}, here {@code 1 − 1e-9}), Variant B's stationary vector is {@code I_i · s_i / Σ} with
 * {@code s = R·I}, and Variant A's is {@code ρ_i / Σ ρ}, {@code ρ_i = Σ_j R_ij}. The damped solution differs from the
 * undamped one by {@code O(1 − d)}, hence 1e-7.
 */
class HeadGraphTest {
    private static final PageRank NEARLY_UNDAMPED = new PageRank(1 - 1e-9, 1e-15, 100_000);

    private static double[][] randomCorrelation(Random rnd, int n) {
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) r[i][j] = r[j][i] = 0.05 + rnd.nextDouble();
        for (int i = 0; i < n; i++) r[i][i] = 0.9; // must be ignored
        return r;
    }

    private static double[] randomInformation(Random rnd, int n) {
        double[] info = new double[n];
        for (int i = 0; i < n; i++) info[i] = 0.1 + 5 * rnd.nextDouble();
        return info;
    }

    @Test
    void variantBConvergesToInformationTimesInformedDegree() {
        Random rnd = new Random(51);
        for (int n : new int[] {3, 12, 16}) {
            double[][] r = randomCorrelation(rnd, n);
            double[] info = randomInformation(rnd, n);
            HeadGraph g = HeadGraph.of(r, info, GraphVariant.B);
            double[] scores = NEARLY_UNDAMPED.run(g.transition(), g.teleport()).scores();
            double[] expected = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) if (j != i) s += r[i][j] * info[j];
                total += expected[i] = info[i] * s;
            }
            for (int i = 0; i < n; i++) assertEquals(expected[i] / total, scores[i], 1e-7, "B, n = " + n + ", head " + i);
        }
    }

    @Test
    void variantAConvergesToCorrelationDegree() {
        Random rnd = new Random(52);
        for (int n : new int[] {3, 12, 16}) {
            double[][] r = randomCorrelation(rnd, n);
            HeadGraph g = HeadGraph.of(r, randomInformation(rnd, n), GraphVariant.A);
            double[] scores = NEARLY_UNDAMPED.run(g.transition(), g.teleport()).scores();
            double[] rho = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) if (j != i) rho[i] += r[i][j];
                total += rho[i];
            }
            for (int i = 0; i < n; i++) assertEquals(rho[i] / total, scores[i], 1e-7, "A, n = " + n + ", head " + i);
        }
    }

    @Test
    void variantsDefineTransitionAndTeleportAsSpecified() {
        double[][] r = {{0, 0.2, 0.4}, {0.2, 0, 0.6}, {0.4, 0.6, 0}};
        double[] info = {1, 2, 3};
        HeadGraph b = HeadGraph.of(r, info, GraphVariant.B);
        // column 0 of W: (0, 0.2·2, 0.4·3) = (0, 0.4, 1.2), sum 1.6
        assertEquals(0.25, b.transition()[1][0], 1e-15);
        assertEquals(0.75, b.transition()[2][0], 1e-15);
        assertEquals(1.0 / 3, b.teleport()[0], 1e-15);
        HeadGraph c = HeadGraph.of(r, info, GraphVariant.C);
        assertEquals(0.25, c.transition()[1][0], 1e-15);
        assertEquals(0.5, c.teleport()[2], 1e-15);
        HeadGraph a = HeadGraph.of(r, info, GraphVariant.A);
        assertEquals(0.2 / 0.6, a.transition()[1][0], 1e-15);
        assertEquals(2.0 / 6, a.teleport()[1], 1e-15);
        HeadGraph corr = HeadGraph.correlationOnly(r);
        assertEquals(0.2 / 0.6, corr.transition()[1][0], 1e-15);
        assertEquals(1.0 / 3, corr.teleport()[1], 1e-15);
    }

    @Test
    void headsWithoutEdgesBecomeDanglingColumns() {
        double[][] r = {{0, 0, 0}, {0, 0, 0.5}, {0, 0.5, 0}};
        HeadGraph g = HeadGraph.of(r, new double[] {1, 1, 1}, GraphVariant.B);
        assertEquals(1, g.danglingColumns());
        double[] scores = new PageRank(0.85, 1e-14, 1000).run(g.transition(), g.teleport()).scores();
        double[] expected = PageRankTest.closedForm(g.transition(), g.teleport(), 0.85);
        for (int i = 0; i < 3; i++) assertEquals(expected[i], scores[i], 1e-12);
    }

    @Test
    void rejectsNegativeOrNonFiniteInput() {
        double[][] r = {{0, 0.5}, {0.5, 0}};
        assertThrows(IllegalArgumentException.class, () -> HeadGraph.of(r, new double[] {1, -1}, GraphVariant.B));
        assertThrows(IllegalArgumentException.class, () -> HeadGraph.of(new double[][] {{0, Double.NaN}, {0.5, 0}}, new double[] {1, 1}, GraphVariant.B));
        assertThrows(IllegalArgumentException.class, () -> HeadGraph.of(r, new double[] {1, 1, 1}, GraphVariant.B));
    }
}
