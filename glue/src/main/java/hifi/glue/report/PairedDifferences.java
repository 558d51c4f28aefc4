package hifi.glue.report;

import hifi.glue.run.RunSpec;
import hifi.glue.run.StoredResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per task, each method's dev score against a baseline method's, paired by seed: only the seeds both finished
 * count, and the difference's mean comes with a {@link PairedBootstrap} 95 % interval. A method run at several
 * learning rates on a task gets one row per rate; the baseline must have one rate per task.
 */
public final class PairedDifferences {

    /** A finished run and the folder it was read from (for messages). */
    public record Run(Path folder, StoredResult result) {
        long seed() {
            if (!(result.run().get("seed") instanceof Number n)) throw new IllegalArgumentException(folder + ": result.json has no run seed");
            return n.longValue();
        }
    }

    /**
     * One method against the baseline on one task.
     *
     * @param method     the method's name, with its learning rate when the task has it at several
     * @param seeds      the seeds both have, ascending
     * @param methodMean the method's mean score over those seeds (fraction)
     * @param baseline   the baseline's mean score over those seeds (fraction)
     * @param difference the paired difference {@code method − baseline} (fraction) with its interval
     */
    public record Row(String task, String method, List<Long> seeds, double methodMean, double baseline, PairedBootstrap.Difference difference) {
    }

    /**
     * The rows, by task in order of first appearance, then by method; tasks without baseline runs and methods sharing no
     * seed with the baseline are left out.
     *
     * @throws IllegalArgumentException for the same run (task, method, learning rate, seed) in two folders, or a
     *                                  baseline run at several learning rates on one task
     */
    public static List<Row> of(List<Run> runs, String baseline) {
        Map<String, Map<String, Map<Double, Map<Long, Run>>>> byTask = new LinkedHashMap<>();
        for (Run r : runs) {
            StoredResult s = r.result();
            Map<Long, Run> seeds = byTask.computeIfAbsent(s.task(), t -> new TreeMap<>())
                    .computeIfAbsent(s.methodName(), m -> new TreeMap<>()).computeIfAbsent(s.learningRate(), lr -> new TreeMap<>());
            Run earlier = seeds.put(r.seed(), r);
            if (earlier != null) {
                throw new IllegalArgumentException(earlier.folder() + " and " + r.folder() + " are the same run (task " + s.task() + ", method "
                        + s.methodName() + ", lr " + RunSpec.formatRate(s.learningRate()) + ", seed " + r.seed() + ")");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (var task : byTask.entrySet()) {
            Map<Double, Map<Long, Run>> base = task.getValue().get(baseline);
            if (base == null) continue;
            if (base.size() > 1) {
                throw new IllegalArgumentException("baseline " + baseline + " has runs at " + base.size() + " learning rates on " + task.getKey()
                        + ": report runs of one");
            }
            Map<Long, Run> baseSeeds = base.values().iterator().next();
            for (var method : task.getValue().entrySet()) {
                if (method.getKey().equals(baseline)) continue;
                for (var rate : method.getValue().entrySet()) {
                    String name = method.getValue().size() > 1 ? method.getKey() + " (lr " + RunSpec.formatRate(rate.getKey()) + ")" : method.getKey();
                    Row row = row(task.getKey(), name, rate.getValue(), baseSeeds);
                    if (row != null) rows.add(row);
                }
            }
        }
        return rows;
    }

    private static Row row(String task, String method, Map<Long, Run> methodSeeds, Map<Long, Run> baseSeeds) {
        List<Long> seeds = new ArrayList<>();
        for (long seed : methodSeeds.keySet()) if (baseSeeds.containsKey(seed)) seeds.add(seed);
        if (seeds.isEmpty()) return null;
        double[] a = new double[seeds.size()], b = new double[seeds.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = methodSeeds.get(seeds.get(i)).result().score();
            b[i] = baseSeeds.get(seeds.get(i)).result().score();
        }
        try {
            return new Row(task, method, seeds, mean(a), mean(b), PairedBootstrap.of(a, b));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(task + ", " + method + " against the baseline: " + e.getMessage(), e);
        }
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}
