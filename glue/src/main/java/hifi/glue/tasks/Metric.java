package hifi.glue.tasks;

/**
 * The metrics GLUE reports, as a task names them. Classification metrics compare predicted and gold class ids;
 * correlation metrics compare predicted and gold scores. They are computed in {@code hifi.glue.metrics}
 * ({@code OfficialMetrics}).
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
}

