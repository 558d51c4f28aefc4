package hifi.glue.report;

import hifi.glue.tasks.Metric;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the records of a run's {@code metrics.jsonl} (see {@code hifi.glue.io.MetricsLog}) into plot series: the
 * training loss per step ({@code "event":"train"}), the dev loss per step where evaluations log one, and a dev metric
 * per epoch ({@code "event":"eval"} on splits whose name starts with {@code dev}; one series per split, so MNLI
 * shows matched and mismatched). Where a resumed run logged the same step or epoch twice, the later record wins.
 */
public final class TrainingCurves {
    private TrainingCurves() {
    }

    /** Training loss (and dev loss, if logged) against the step. */
    public static LinePlot lossPlot(List<Map<String, Object>> records) {
        Map<String, TreeMap<Double, Double>> lines = new LinkedHashMap<>();
        for (Map<String, Object> r : records) {
            if ("train".equals(r.get("event"))) put(lines, "train loss", r.get("step"), r.get("loss"));
            if ("eval".equals(r.get("event")) && isDev(r)) put(lines, split(r) + " loss", r.get("step"), r.get("loss"));
        }
        return plot("Loss", "step", "loss", lines);
    }

    /** A dev metric ({@code "score"}, {@code "accuracy"}, …) against the epoch. */
    public static LinePlot devMetricPlot(List<Map<String, Object>> records, String metric) {
        Map<String, TreeMap<Double, Double>> lines = new LinkedHashMap<>();
        for (Map<String, Object> r : records) {
            if ("eval".equals(r.get("event")) && isDev(r)) put(lines, split(r) + " " + metric, r.get("epoch"), r.get(metric));
        }
        return plot("Dev " + metric + " per epoch", "epoch", metric, lines);
    }

    /**
     * The dev metric to plot: {@code score} if the log has it, otherwise the first official metric it has
     * ({@code accuracy}, {@code f1}, …), or null if no dev evaluation was logged.
     */
    public static String devMetricKey(List<Map<String, Object>> records) {
        if (hasDevMetric(records, "score")) return "score";
        for (Metric m : Metric.values()) if (hasDevMetric(records, m.key())) return m.key();
        return null;
    }

    /** Whether any record has a finite value for {@code key} on an eval of a dev split. */
    public static boolean hasDevMetric(List<Map<String, Object>> records, String key) {
        for (Map<String, Object> r : records) {
            if ("eval".equals(r.get("event")) && isDev(r) && r.get(key) instanceof Number n && Double.isFinite(n.doubleValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDev(Map<String, Object> r) {
        return split(r).startsWith("dev");
    }

    private static String split(Map<String, Object> r) {
        return r.get("split") instanceof String s ? s : "dev";
    }

    private static void put(Map<String, TreeMap<Double, Double>> lines, String name, Object x, Object y) {
        if (x instanceof Number nx && y instanceof Number ny) {
            lines.computeIfAbsent(name, k -> new TreeMap<>()).put(nx.doubleValue(), ny.doubleValue());
        }
    }

    private static LinePlot plot(String title, String xLabel, String yLabel, Map<String, TreeMap<Double, Double>> lines) {
        LinePlot p = new LinePlot(title, xLabel, yLabel);
        for (var e : lines.entrySet()) {
            double[] x = new double[e.getValue().size()], y = new double[x.length];
            int i = 0;
            for (var point : e.getValue().entrySet()) {
                x[i] = point.getKey();
                y[i++] = point.getValue();
            }
            p.add(new LinePlot.Series(e.getKey(), x, y));
        }
        return p;
    }
}
