package hifi.method.scoring;

/**
 * PageRank by power iteration: {@code r⁰ = uniform}, {@code r^{t+1} = d·M r^t + (1 − d)·p} until
 * {@code ‖r^{t+1} − r^t‖₁ < tolerance} or {@code maxIterations} updates. {@code M} is column-stochastic except for
 * dangling (all-zero) columns, which are treated as if they were {@code p}: the mass on a dangling node is
 * redistributed by the teleport vector. Everything is in {@code double}, and {@code r} stays a probability vector
 * (checked: {@code |Σ r − 1| < 1e-9}).
 */
public final class PageRank {
    /** Textbook damping. */
    public static final double DEFAULT_DAMPING = 0.85;
    /** L1 stopping tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-6;
    /** Iteration cap; reaching it means "not converged". */
    public static final int DEFAULT_MAX_ITERATIONS = 100;
    private static final double STOCHASTIC_SLACK = 1e-9;

    private final double damping;
    private final double tolerance;
    private final int maxIterations;

    /** The outcome: scores (summing to 1), the number of updates made, and whether the tolerance was reached. */
    public record Result(double[] scores, int iterations, boolean converged) {
    }

    public PageRank(double damping, double tolerance, int maxIterations) {
        if (!(damping >= 0 && damping < 1)) throw new IllegalArgumentException("PageRank damping must be in [0, 1), got " + damping);
        if (!(tolerance > 0)) throw new IllegalArgumentException("PageRank tolerance must be > 0, got " + tolerance);
        if (maxIterations < 1) throw new IllegalArgumentException("PageRank max iterations must be ≥ 1, got " + maxIterations);
        this.damping = damping;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** Damping 0.85, L1 tolerance 1e-6, at most 100 iterations. */
    public static PageRank defaults() {
        return new PageRank(DEFAULT_DAMPING, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
    }

    public double damping() {
        return damping;
    }

    public double tolerance() {
        return tolerance;
    }

    public int maxIterations() {
        return maxIterations;
    }

    /**
     * @param m        {@code n × n}, {@code m[i][j]} = probability of the step {@code j → i}; every column sums to 1
     *                 or is entirely 0 (dangling)
     * @param teleport {@code p}, non-negative, summing to 1
     */
    public Result run(double[][] m, double[] teleport) {
        int n = teleport.length;
        boolean[] dangling = validate(m, teleport);
        double[] r = new double[n];
        java.util.Arrays.fill(r, 1.0 / n);
        double[] next = new double[n];
        int t = 0;
        boolean converged = false;
        while (t < maxIterations && !converged) {
            double danglingMass = 0;
            for (int j = 0; j < n; j++) if (dangling[j]) danglingMass += r[j];
            double delta = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                double[] row = m[i];
                for (int j = 0; j < n; j++) s += row[j] * r[j];
                next[i] = damping * (s + danglingMass * teleport[i]) + (1 - damping) * teleport[i];
                delta += Math.abs(next[i] - r[i]);
            }
            double[] swap = r;
            r = next;
            next = swap;
            t++;
            converged = delta < tolerance;
        }
        double sum = 0;
        for (double v : r) sum += v;
        if (!(Math.abs(sum - 1) < 1e-9)) {
            throw new IllegalStateException("PageRank lost probability mass: Σ r = " + sum + " after " + t + " iterations");
        }
        return new Result(r, t, converged);
    }

    private static boolean[] validate(double[][] m, double[] p) {
        int n = p.length;
        if (n == 0) throw new IllegalArgumentException("PageRank needs at least one node");
        if (m.length != n) throw new IllegalArgumentException("transition matrix has " + m.length + " rows for " + n + " nodes");
        double pSum = 0;
        for (int i = 0; i < n; i++) {
            if (!(p[i] >= 0)) throw new IllegalArgumentException("teleport entry " + i + " is " + p[i] + " (must be ≥ 0)");
            pSum += p[i];
            if (m[i].length != n) throw new IllegalArgumentException("transition row " + i + " has " + m[i].length + " entries, expected " + n);
        }
        if (Math.abs(pSum - 1) > STOCHASTIC_SLACK) throw new IllegalArgumentException("teleport vector sums to " + pSum + ", not 1");
        boolean[] dangling = new boolean[n];
        for (int j = 0; j < n; j++) {
            double col = 0;
            for (int i = 0; i < n; i++) {
                double v = m[i][j];
                if (!(v >= 0)) throw new IllegalArgumentException("transition entry [" + i + "][" + j + "] is " + v + " (must be ≥ 0)");
                col += v;
            }
            if (col == 0) dangling[j] = true;
            else if (Math.abs(col - 1) > STOCHASTIC_SLACK) {
                throw new IllegalArgumentException("transition column " + j + " sums to " + col + " (must be 1, or 0 for a dangling node)");
            }
        }
        return dangling;
    }
}
