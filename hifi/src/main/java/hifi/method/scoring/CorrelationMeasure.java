package hifi.method.scoring;

/**
 * Correlation between two heads on one example, from the centred Gram blocks {@code C_xy = Xᵀ Y}, {@code C_xx},
 * {@code C_yy} ({@code X}, {@code Y}: the heads' outputs on the example's non-padding tokens, minus their column means).
 * The statistics pass averages it over the calibration sample. Names are the values of the {@code --correlation} switch.
 */
public interface CorrelationMeasure {

    /** The switch value, e.g. {@code rv}. */
    String name();

    /**
     * @param cross  summary of {@code C_xy}
     * @param autoX  summary of {@code C_xx}
     * @param autoY  summary of {@code C_yy}
     * @param tokens the number of tokens {@code n}
     */
    double of(GramSummary cross, GramSummary autoX, GramSummary autoY, int tokens);

    /** The default, {@code rv}. */
    static CorrelationMeasure defaultMeasure() {
        return new RvCoefficient();
    }

    /** Parses {@code rv}, {@code abs_cosine} or {@code cov_fro}. */
    static CorrelationMeasure byName(String name) {
        return switch (name.trim()) {
            case "rv" -> new RvCoefficient();
            case "abs_cosine" -> new AbsCosineCorrelation();
            case "cov_fro" -> new CovarianceFrobenius();
            default -> throw new IllegalArgumentException("unknown correlation measure \"" + name + "\" (use rv, abs_cosine or cov_fro)");
        };
    }
}
