package hifi.method.scoring;

/**
 * {@code entropy_rank}: the effective rank {@code exp(−Σ p_i log p_i)}, {@code p_i = σ_i / Σ_j σ_j} (Roy &amp;
 * Vetterli, 2007). Scale-free; 0 for a zero matrix by convention.
 */
public final class EntropyRankRichness implements RichnessMeasure {
    @Override
    public String name() {
        return "entropy_rank";
    }

    @Override
    public double of(double[] sigma, int tokens) {
        double total = 0;
        for (double s : sigma) total += s;
        if (total == 0) return 0;
        double entropy = 0;
        for (double s : sigma) {
            if (s > 0) {
                double p = s / total;
                entropy -= p * Math.log(p);
            }
        }
        return Math.exp(entropy);
    }
}
