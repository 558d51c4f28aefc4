package hifi.method.scoring;

/**
 * {@code topk_energy}: {@code Σ_{i ≤ t} σ_i² / Σ_i σ_i²}, the energy share of the {@code t} largest singular values
 * (0 for a zero matrix). Note its direction: a value near 1 means the output is concentrated in few directions.
 */
public final class TopEnergyRichness implements RichnessMeasure {
    /** Default {@code t}: an eighth of BERT's head size 64. */
    public static final int DEFAULT_TOP = 8;
    private final int top;

    public TopEnergyRichness(int top) {
        if (top < 1) throw new IllegalArgumentException("topk_energy t must be ≥ 1, got " + top);
        this.top = top;
    }

    @Override
    public String name() {
        return "topk_energy:" + top;
    }

    @Override
    public double of(double[] sigma, int tokens) {
        double head = 0, total = 0;
        for (int i = 0; i < sigma.length; i++) {
            double e = sigma[i] * sigma[i];
            total += e;
            if (i < top) head += e;
        }
        return total == 0 ? 0 : head / total;
    }
}
