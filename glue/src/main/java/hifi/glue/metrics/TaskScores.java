package hifi.glue.metrics;

import hifi.glue.tasks.GlueTask;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's official metrics on one split, by {@link hifi.glue.tasks.Metric#key()} in the task's metric order. The split's score is
 * their mean (MRPC: mean of F1 and accuracy; STS-B: mean of Pearson and Spearman).
 */
public record TaskScores(GlueTask task, String split, Map<String, Double> metrics) {

    public TaskScores {
        if (metrics.isEmpty()) throw new IllegalArgumentException("no metrics");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** Mean of the metrics. */
    public double score() {
        double sum = 0;
        for (double v : metrics.values()) sum += v;
        return sum / metrics.size();
    }

    /** One metric by key; throws naming the available keys if absent. */
    public double get(String key) {
        Double v = metrics.get(key);
        if (v == null) throw new IllegalArgumentException(task.key() + " has no metric " + key + " (has " + metrics.keySet() + ")");
        return v;
    }

    /** The metrics plus {@code score}, for logs and result files. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task.key());
        m.put("split", split);
        m.putAll(metrics);
        m.put("score", score());
        return m;
    }
}
