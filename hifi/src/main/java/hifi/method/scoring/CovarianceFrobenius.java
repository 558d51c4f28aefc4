package hifi.method.scoring;

/**
 * {@code cov_fro}: {@code ‖C_xy‖_F / n}, the Frobenius norm of the cross-covariance (unnormalised: it mixes output
 * scale into the edges, so it is an ablation, not a recommendation).
 */
public final class CovarianceFrobenius implements CorrelationMeasure {
    @Override
    public String name() {
        return "cov_fro";
    }

    @Override
    public double of(GramSummary cross, GramSummary autoX, GramSummary autoY, int tokens) {
        if (tokens <= 0) throw new IllegalArgumentException("cov_fro needs at least one token, got " + tokens);
        return Math.sqrt(cross.frobeniusSquared()) / tokens;
    }
}
