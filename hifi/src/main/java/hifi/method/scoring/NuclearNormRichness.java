package hifi.method.scoring;

/** The default richness, {@code nuclear}: {@code Σ_i σ_i / sqrt(n)}, the nuclear norm per square-root token. */
public final class NuclearNormRichness implements RichnessMeasure {
    @Override
    public String name() {
        return "nuclear";
    }

    @Override
    public double of(double[] sigma, int tokens) {
        if (tokens <= 0) throw new IllegalArgumentException("nuclear richness needs at least one token, got " + tokens);
        double sum = 0;
        for (double s : sigma) sum += s;
        return sum / Math.sqrt(tokens);
    }
}
