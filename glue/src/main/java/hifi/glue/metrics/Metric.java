package hifi.glue.metrics;

/**
 * The metrics GLUE reports. Classification metrics compare predicted and gold class ids; correlation metrics compare
 * predicted and gold scores.
 */
public enum Metric {
    ACCURACY("accuracy", false),
    /** F1 of class 1 (MRPC: paraphrase, QQP: duplicate). */
    F1("f1", false),
    MATTHEWS("matthews_correlation", false),
    PEARSON("pearson", true),
    SPEARMAN("spearman", true);

    private final String key;
    private final boolean regression;

    Metric(String key, boolean regression) {
        this.key = key;
        this.regression = regression;
    }

    /** The name used in logs and result files ({@code accuracy}, {@code f1}, {@code matthews_correlation}, …). */
    public String key() {
        return key;
    }

    /** Whether the metric compares real-valued scores (Pearson, Spearman) rather than class ids. */
    public boolean isRegression() {
        return regression;
    }

    /** The metric on class ids; throws for correlation metrics. */
    public double ofClasses(int[] predicted, int[] gold) {
        return switch (this) {
            case ACCURACY -> Accuracy.of(predicted, gold);
            case F1 -> F1Score.ofPositiveClass(predicted, gold, 1);
            case MATTHEWS -> MatthewsCorrelation.of(predicted, gold);
            case PEARSON, SPEARMAN -> throw new IllegalArgumentException(key + " needs real-valued scores, not class ids");
        };
    }

    /** The metric on real-valued scores; throws for classification metrics. */
    public double ofScores(double[] predicted, double[] gold) {
        return switch (this) {
            case PEARSON -> PearsonCorrelation.of(predicted, gold);
            case SPEARMAN -> SpearmanCorrelation.of(predicted, gold);
            default -> throw new IllegalArgumentException(key + " needs class ids, not real-valued scores");
        };
    }
}
