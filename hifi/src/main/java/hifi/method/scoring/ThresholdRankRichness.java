package hifi.method.scoring;

/** {@code thresh_rank}: {@code #{ i : σ_i > ε·σ_1 }}, the numerical rank (HRank's statistic); default ε = 1e-3. */
public final class ThresholdRankRichness implements RichnessMeasure {
    /** The default relative threshold ε. */
    public static final double DEFAULT_EPSILON = 1e-3;
    private final double epsilon;

    public ThresholdRankRichness(double epsilon) {
        if (!(epsilon >= 0 && epsilon < 1)) throw new IllegalArgumentException("thresh_rank ε must be in [0, 1), got " + epsilon);
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "thresh_rank:" + epsilon;
    }

    @Override
    public double of(double[] sigma, int tokens) {
        if (sigma.length == 0 || sigma[0] == 0) return 0;
        double cut = epsilon * sigma[0];
        int count = 0;
        for (double s : sigma) if (s > cut) count++;
        return count;
    }
}
