package hifi.glue.run;

import hifi.glue.io.MarkdownTable;
import hifi.glue.progress.ClockTime;
import hifi.glue.tasks.GlueTask;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The markdown summary of a sweep. Scores are shown in percent as mean ± sample standard deviation (n − 1) over
 * seeds; with one seed only the mean is shown. Two tables: every (task, method, learning rate) group with its
 * metrics, trainable % and mean wall time per run; then, per method and task, the learning rate with the best mean
 * dev score (the usual way dev results are reported — it selects on the dev set, so it is optimistic).
 */
public final class SweepSummary {
    private SweepSummary() {
    }

    /** Statistics of one (task, method, learning rate) group over seeds. */
    record Group(String task, String method, double learningRate, List<StoredResult> results) {
        Stats score() {
            return Stats.of(results.stream().mapToDouble(StoredResult::score).toArray());
        }

        Stats metric(String key) {
            return Stats.of(results.stream().mapToDouble(r -> r.metrics().getOrDefault(key, Double.NaN)).toArray());
        }
    }

    /** Mean and sample standard deviation. */
    record Stats(double mean, double std, int n) {
        static Stats of(double[] v) {
            double sum = 0;
            for (double d : v) sum += d;
            double mean = sum / v.length;
            double ss = 0;
            for (double d : v) ss += (d - mean) * (d - mean);
            return new Stats(mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0, v.length);
        }

        /** In percent: {@code 66.43 ± 1.20}, or {@code 66.43} for a single seed. */
        String percent() {
            if (n == 1) return String.format(Locale.ROOT, "%.2f", 100 * mean);
            return String.format(Locale.ROOT, "%.2f ± %.2f", 100 * mean, 100 * std);
        }
    }

    /** Reads the finished runs of {@code config} under {@code sweepDir} and renders the summary. */
    public static String markdown(SweepConfig config, Path sweepDir) throws IOException {
        Map<String, Group> groups = new LinkedHashMap<>();
        int done = 0;
        for (RunSpec spec : config.runs()) {
            Path dir = sweepDir.resolve(spec.folderName());
            String key = spec.task().key() + "|" + spec.methodName() + "|" + spec.learningRate();
            Group g = groups.computeIfAbsent(key, k -> new Group(spec.task().key(), spec.methodName(), spec.learningRate(), new ArrayList<>()));
            if (ResultFiles.isDone(dir)) {
                g.results().add(ResultFiles.readResult(dir));
                done++;
            }
        }
        StringBuilder sb = new StringBuilder("# Sweep " + config.name() + "\n\n");
        sb.append(done).append(" of ").append(config.runs().size()).append(" runs finished. Scores are dev-set ")
                .append("percentages, mean ± sample std over seeds (n = number of seeds finished).\n\n");
        sb.append("## All runs\n\n").append(allRuns(groups.values())).append('\n');
        sb.append("## Best learning rate per method and task\n\n").append(bestRates(groups.values()));
        return sb.toString();
    }

    private static String allRuns(Iterable<Group> groups) {
        MarkdownTable t = new MarkdownTable(List.of("task", "method", "lr", "n", "score", "metrics", "trainable %", "wall time / run"), 2);
        for (Group g : groups) {
            if (g.results().isEmpty()) continue;
            List<String> metrics = new ArrayList<>();
            for (String key : g.results().getFirst().metrics().keySet()) metrics.add(key + " " + g.metric(key).percent());
            double trainable = g.results().stream().mapToDouble(StoredResult::trainablePercent).average().orElse(Double.NaN);
            double wall = g.results().stream().mapToDouble(StoredResult::wallSeconds).average().orElse(Double.NaN);
            t.row(List.of(g.task(), g.method(), RunSpec.formatRate(g.learningRate()), Integer.toString(g.results().size()),
                    g.score().percent(), String.join(", ", metrics), String.format(Locale.ROOT, "%.4f", trainable),
                    ClockTime.format(wall)));
        }
        return t.size() == 0 ? "(no finished runs yet)\n" : t.render();
    }

    private static String bestRates(Iterable<Group> groups) {
        Set<String> tasks = new LinkedHashSet<>();
        Set<String> methods = new LinkedHashSet<>();
        Map<String, Group> best = new LinkedHashMap<>();
        for (Group g : groups) {
            tasks.add(g.task());
            methods.add(g.method());
            if (g.results().isEmpty()) continue;
            String key = g.method() + "|" + g.task();
            Group current = best.get(key);
            if (current == null || g.score().mean() > current.score().mean()) best.put(key, g);
        }
        List<String> header = new ArrayList<>(List.of("method"));
        for (String task : tasks) header.add(GlueTask.byName(task).dirName());
        header.add("average");
        MarkdownTable t = new MarkdownTable(header, 1);
        for (String method : methods) {
            List<String> row = new ArrayList<>(List.of(method));
            double sum = 0;
            boolean complete = true;
            for (String task : tasks) {
                Group g = best.get(method + "|" + task);
                if (g == null) {
                    row.add("—");
                    complete = false;
                } else {
                    Stats s = g.score();
                    sum += s.mean();
                    row.add(s.percent() + " (lr " + RunSpec.formatRate(g.learningRate()) + ", n=" + s.n() + ")");
                }
            }
            row.add(complete ? String.format(Locale.ROOT, "%.2f", 100 * sum / tasks.size()) : "—");
            t.row(row);
        }
        return t.render();
    }
}
