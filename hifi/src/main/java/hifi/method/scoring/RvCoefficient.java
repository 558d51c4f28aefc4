package hifi.method.scoring;

/**
 * The default correlation, {@code rv}: {@code RV = ‖C_xy‖_F² / (‖C_xx‖_F · ‖C_yy‖_F)} (Escoufier's RV coefficient),
 * 0 when a denominator factor is 0. It lies in [0, 1], is symmetric, and is invariant to scaling either output and to
 * orthogonal transformations within either head's subspace.
 */
public final class RvCoefficient implements CorrelationMeasure {
    @Override
    public String name() {
        return "rv";
    }

    @Override
    public double of(GramSummary cross, GramSummary autoX, GramSummary autoY, int tokens) {
        double denominator = Math.sqrt(autoX.frobeniusSquared()) * Math.sqrt(autoY.frobeniusSquared());
        if (denominator == 0) return 0;
        // Cauchy–Schwarz bounds the exact value by 1; rounding of float Gram blocks may overshoot by a few ulps.
        return Math.min(1.0, cross.frobeniusSquared() / denominator);
    }
}
