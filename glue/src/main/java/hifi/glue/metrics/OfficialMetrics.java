package hifi.glue.metrics;

import hifi.glue.tasks.Example;
import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.Metric;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes a task's official metric(s) from predictions and gold answers. */
public final class OfficialMetrics {
    private OfficialMetrics() {
    }

    /** Metrics of a classification task from predicted and gold class ids. */
    public static TaskScores ofClasses(GlueTask task, String split, int[] predicted, int[] gold) {
        if (task.isRegression()) throw new IllegalArgumentException(task.key() + " is a regression task: pass scores");
        Map<String, Double> m = new LinkedHashMap<>();
        for (Metric metric : task.metrics()) m.put(metric.key(), ofClasses(metric, predicted, gold));
        return new TaskScores(task, split, m);
    }

    /** Metrics of the regression task (STS-B) from predicted and gold scores. */
    public static TaskScores ofScores(GlueTask task, String split, double[] predicted, double[] gold) {
        if (!task.isRegression()) throw new IllegalArgumentException(task.key() + " is a classification task: pass class ids");
        Map<String, Double> m = new LinkedHashMap<>();
        for (Metric metric : task.metrics()) m.put(metric.key(), ofScores(metric, predicted, gold));
        return new TaskScores(task, split, m);
    }

    /** Metrics of predicted class ids against the gold labels of {@code examples}. */
    public static TaskScores ofClasses(GlueTask task, String split, List<Example> examples, int[] predicted) {
        int[] gold = new int[examples.size()];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = examples.get(i).label();
            if (gold[i] < 0) throw new IllegalArgumentException("example " + examples.get(i).id() + " has no gold label");
        }
        return ofClasses(task, split, predicted, gold);
    }

    /** Metrics of predicted scores against the gold targets of {@code examples}. */
    public static TaskScores ofScores(GlueTask task, String split, List<Example> examples, float[] predicted) {
        double[] gold = new double[examples.size()];
        double[] pred = new double[predicted.length];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = examples.get(i).target();
            if (Double.isNaN(gold[i])) throw new IllegalArgumentException("example " + examples.get(i).id() + " has no gold score");
        }
        for (int i = 0; i < pred.length; i++) pred[i] = predicted[i];
        return ofScores(task, split, pred, gold);
    }

    /** {@code metric} on class ids; throws for correlation metrics. */
    public static double ofClasses(Metric metric, int[] predicted, int[] gold) {
        return switch (metric) {
            case ACCURACY -> Accuracy.of(predicted, gold);
            case F1 -> F1Score.ofPositiveClass(predicted, gold, 1);
            case MATTHEWS -> MatthewsCorrelation.of(predicted, gold);
            case PEARSON, SPEARMAN -> throw new IllegalArgumentException(metric.key() + " needs real-valued scores, not class ids");
        };
    }

    /** {@code metric} on real-valued scores; throws for classification metrics. */
    public static double ofScores(Metric metric, double[] predicted, double[] gold) {
        return switch (metric) {
            case PEARSON -> PearsonCorrelation.of(predicted, gold);
            case SPEARMAN -> SpearmanCorrelation.of(predicted, gold);
            default -> throw new IllegalArgumentException(metric.key() + " needs class ids, not real-valued scores");
        };
    }
}
