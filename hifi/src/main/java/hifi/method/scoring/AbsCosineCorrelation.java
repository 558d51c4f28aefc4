package hifi.method.scoring;

/**
 * {@code abs_cosine}: {@code |⟨X, Y⟩_F| / (‖X‖_F ‖Y‖_F) = |tr C_xy| / sqrt(tr C_xx · tr C_yy)}, the absolute cosine
 * between the flattened centred outputs (needs equal head sizes, as in BERT); 0 when a norm is 0.
 */
public final class AbsCosineCorrelation implements CorrelationMeasure {
    @Override
    public String name() {
        return "abs_cosine";
    }

    @Override
    public double of(GramSummary cross, GramSummary autoX, GramSummary autoY, int tokens) {
        double denominator = Math.sqrt(Math.max(autoX.trace(), 0)) * Math.sqrt(Math.max(autoY.trace(), 0));
        if (denominator == 0) return 0;
        return Math.min(1.0, Math.abs(cross.trace()) / denominator);
    }
}
