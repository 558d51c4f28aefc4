package hifi.glue.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished run as read back from its {@code result.json}.
 *
 * @param run              the stored spec ({@link RunSpec#toJson()})
 * @param score            the dev score (fraction)
 * @param metrics          the dev metrics by key
 * @param trainablePercent trainable parameters in percent
 * @param wallSeconds      wall time of the run
 */
public record StoredResult(Map<String, Object> run, double score, Map<String, Double> metrics, double trainablePercent,
                           double wallSeconds) {

    static StoredResult of(Map<String, Object> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> run = (Map<String, Object>) require(m, "run");
        Map<String, Double> metrics = new LinkedHashMap<>();
        Object rawMetrics = m.get("metrics");
        if (rawMetrics instanceof Map<?, ?> mm) {
            for (var e : mm.entrySet()) metrics.put((String) e.getKey(), number(e.getValue()));
        }
        return new StoredResult(run, number(require(m, "score")), metrics, number(require(m, "trainable_percent")),
                number(require(m, "wall_seconds")));
    }

    public String task() {
        return (String) run.get("task");
    }

    public String methodName() {
        return (String) run.get("method_name");
    }

    public double learningRate() {
        return number(run.get("learning_rate"));
    }

    private static Object require(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) throw new IllegalArgumentException("missing \"" + key + "\"");
        return v;
    }

    private static double number(Object v) {
        if (v == null) return Double.NaN;                     // non-finite values are stored as null
        if (v instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("expected a number, got " + v);
    }
}
