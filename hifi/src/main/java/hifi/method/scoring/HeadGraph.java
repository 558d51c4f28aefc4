package hifi.method.scoring;

import java.util.Arrays;

/**
 * A head graph ready for {@link PageRank}: the column-stochastic transition matrix (dangling columns left at zero,
 * which PageRank reads as "jump by the teleport vector") and the teleport vector.
 *
 * @param transition       {@code M[i][j]}, probability of the step {@code j → i}
 * @param teleport         {@code p}, summing to 1
 * @param danglingColumns  how many columns had no outgoing weight
 */
public record HeadGraph(double[][] transition, double[] teleport, int danglingColumns) {

    /**
     * Builds the graph of docs/method.md#7-the-head-graph for one variant.
     *
     * @param correlation symmetric {@code n × n}, non-negative; the diagonal is ignored ({@code R_ii := 0})
     * @param information {@code I}, non-negative
     */
    public static HeadGraph of(double[][] correlation, double[] information, GraphVariant variant) {
        int n = information.length;
        checkInputs(correlation, information);
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) continue;
                w[i][j] = variant == GraphVariant.A ? correlation[i][j] : correlation[i][j] * information[i];
            }
        }
        double[] p = variant == GraphVariant.B ? uniform(n) : proportional(information);
        return normalised(w, p);
    }

    /** The correlation-only ablation: {@code M[i][j] = R_ij / Σ_k R_kj} with a uniform teleport. */
    public static HeadGraph correlationOnly(double[][] correlation) {
        int n = correlation.length;
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        checkInputs(correlation, ones);
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i != j) w[i][j] = correlation[i][j];
        return normalised(w, uniform(n));
    }

    private static HeadGraph normalised(double[][] w, double[] p) {
        int n = p.length;
        int dangling = 0;
        for (int j = 0; j < n; j++) {
            double col = 0;
            for (int i = 0; i < n; i++) col += w[i][j];
            if (col == 0) {
                dangling++;
                continue;
            }
            for (int i = 0; i < n; i++) w[i][j] /= col;
        }
        return new HeadGraph(w, p, dangling);
    }

    private static double[] uniform(int n) {
        double[] p = new double[n];
        Arrays.fill(p, 1.0 / n);
        return p;
    }

    /** {@code I / Σ I}; uniform when every {@code I} is 0 (nothing to prefer). */
    private static double[] proportional(double[] information) {
        double sum = 0;
        for (double v : information) sum += v;
        if (sum == 0) return uniform(information.length);
        double[] p = new double[information.length];
        for (int i = 0; i < p.length; i++) p[i] = information[i] / sum;
        return p;
    }

    private static void checkInputs(double[][] r, double[] info) {
        int n = info.length;
        if (n == 0) throw new IllegalArgumentException("a head graph needs at least one head");
        if (r.length != n) throw new IllegalArgumentException("correlation matrix has " + r.length + " rows for " + n + " heads");
        for (int i = 0; i < n; i++) {
            if (!(info[i] >= 0) || Double.isInfinite(info[i])) throw new IllegalArgumentException("information of head " + i + " is " + info[i] + " (must be finite and ≥ 0)");
            if (r[i].length != n) throw new IllegalArgumentException("correlation row " + i + " has " + r[i].length + " entries, expected " + n);
            for (int j = 0; j < n; j++) {
                if (i != j && (!(r[i][j] >= 0) || Double.isInfinite(r[i][j]))) {
                    throw new IllegalArgumentException("correlation [" + i + "][" + j + "] is " + r[i][j] + " (must be finite and ≥ 0)");
                }
            }
        }
    }
}
