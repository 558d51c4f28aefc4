package hifi.glue.report;

import hifi.engine.io.AtomicFiles;
import hifi.engine.io.Json;
import hifi.glue.io.MarkdownTable;
import hifi.glue.io.MetricsLog;
import hifi.glue.progress.ClockTime;
import hifi.glue.run.ResultFiles;
import hifi.glue.run.RunSpec;
import hifi.glue.run.StoredResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns run folders into a report folder: {@code report.md} with a table of the finished runs ({@code result.json});
 * with a baseline method, per task the {@link PairedDifferences} of every other method to it with their bootstrap
 * intervals, as a table and a dot-and-interval plot ({@code differences.png}); and, unless left out, per run the loss
 * curve and the dev metric per epoch drawn from {@code metrics.jsonl}, plus the head heatmap ({@code heads.png},
 * written by head selection) where the run has one. {@link #onlyMethods} and {@link #onlyTasks} narrow the run folders
 * first.
 */
public final class ReportWriter {
    /** The log, result and heatmap file names inside a run folder. */
    public static final String LOG = "metrics.jsonl", HEATMAP = "heads.png";

    /** The plot of the paired differences. */
    public static final String DIFFERENCES = "differences.png";

    private final int width;
    private final int height;
    private final String baseline;
    private final boolean curves;

    /** Plots of {@code width × height} pixels, every run's curves, no baseline. */
    public ReportWriter(int width, int height) {
        this(width, height, null, true);
    }

    /**
     * @param baseline the method the others are compared with, seed by seed (null: no comparison)
     * @param curves   whether each run gets its section with its loss and dev-metric plots
     */
    public ReportWriter(int width, int height, String baseline, boolean curves) {
        this.width = width;
        this.height = height;
        this.baseline = baseline;
        this.curves = curves;
    }

    /**
     * The run folders under each of {@code roots}, in order.
     *
     * @throws IOException when a root holds no runs, or two roots hold run folders of the same name
     */
    public static List<Path> findRuns(List<Path> roots) throws IOException {
        List<Path> all = new ArrayList<>();
        Map<String, Path> byName = new HashMap<>();
        for (Path root : roots) {
            for (Path run : findRuns(root)) {
                Path other = byName.put(run.getFileName().toString(), run);
                if (other != null) throw new IOException("two run folders named " + run.getFileName() + ": " + other + " and " + run);
                all.add(run);
            }
        }
        return all;
    }

    /** The run folders under {@code root} (the folder itself if it is one): those holding a log or a result. */
    public static List<Path> findRuns(Path root) throws IOException {
        if (isRun(root)) return List.of(root);
        try (Stream<Path> children = Files.list(root)) {
            List<Path> runs = children.filter(Files::isDirectory).filter(ReportWriter::isRun).sorted().toList();
            if (runs.isEmpty()) throw new IOException("no run folders (with " + LOG + " or " + ResultFiles.RESULT + ") in " + root);
            return runs;
        }
    }

    private static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(LOG)) || Files.isRegularFile(dir.resolve(ResultFiles.RESULT));
    }

    /**
     * The run folders of {@code runDirs} that belong to one of {@code methods} or to {@code baseline} (may be null), by
     * the method name a run records ({@code result.json}, else {@code run.json}; a run that records none stays).
     *
     * @throws IllegalArgumentException when a method named has no finished run
     */
    public static List<Path> onlyMethods(List<Path> runDirs, Set<String> methods, String baseline) throws IOException {
        Set<String> finished = new TreeSet<>();
        List<Path> kept = new ArrayList<>();
        for (Path run : runDirs) {
            Recorded spec = recorded(run);
            String method = spec.field("method_name");
            if (spec.finished()) finished.add(method);
            if (method == null || methods.contains(method) || method.equals(baseline)) kept.add(run);
        }
        for (String m : methods) {
            if (!finished.contains(m)) throw new IllegalArgumentException("--methods " + m + ": no finished run of that method (methods: "
                    + String.join(", ", finished) + ")");
        }
        return kept;
    }

    /**
     * The run folders of {@code runDirs} whose task (recorded in {@code result.json}, else {@code run.json}; compared
     * ignoring case) is one of {@code tasks}; a run that records none stays.
     *
     * @throws IllegalArgumentException when a task named has no run
     */
    public static List<Path> onlyTasks(List<Path> runDirs, Set<String> tasks) throws IOException {
        Set<String> wanted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        wanted.addAll(tasks);
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        List<Path> kept = new ArrayList<>();
        for (Path run : runDirs) {
            String task = recorded(run).field("task");
            if (task != null) seen.add(task);
            if (task == null || wanted.contains(task)) kept.add(run);
        }
        for (String t : tasks) {
            if (!seen.contains(t)) throw new IllegalArgumentException("--tasks " + t + ": no run of that task (tasks: " + String.join(", ", seen) + ")");
        }
        return kept;
    }

    /** The spec a run folder records: its {@code result.json}'s when finished, else its {@code run.json} (or none). */
    private record Recorded(Map<String, Object> spec, boolean finished) {
        String field(String key) {
            return spec.get(key) instanceof String v ? v : null;
        }
    }

    private static Recorded recorded(Path run) throws IOException {
        if (ResultFiles.isDone(run)) return new Recorded(ResultFiles.readResult(run).run(), true);
        Path spec = run.resolve(ResultFiles.RUN);
        return new Recorded(Files.isRegularFile(spec) ? Json.parseObject(Files.readString(spec)) : Map.of(), false);
    }

    /** Writes the report for {@code runDirs} into {@code outDir} and returns the path of {@code report.md}. */
    public Path write(List<Path> runDirs, Path outDir) throws IOException {
        List<PairedDifferences.Run> finished = new ArrayList<>();
        for (Path run : runDirs) if (ResultFiles.isDone(run)) finished.add(new PairedDifferences.Run(run, ResultFiles.readResult(run)));
        List<PairedDifferences.Row> differences = baseline == null ? List.of() : differences(finished);
        Files.createDirectories(outDir);
        StringBuilder md = new StringBuilder("# Report\n\n");
        md.append(resultsTable(finished)).append('\n');
        if (baseline != null) md.append(DifferencesSection.markdown(differences, baseline, DIFFERENCES));
        if (baseline != null && !differences.isEmpty()) {
            IntervalPlot plot = DifferencesSection.plot(differences, baseline);
            plot.writePng(outDir.resolve(DIFFERENCES), width, plot.height(height));
        }
        if (curves) for (Path run : runDirs) md.append(runSection(run, outDir));
        Path report = outDir.resolve("report.md");
        AtomicFiles.writeString(report, md.toString());
        return report;
    }

    private List<PairedDifferences.Row> differences(List<PairedDifferences.Run> finished) {
        if (finished.stream().noneMatch(r -> baseline.equals(r.result().methodName()))) {
            throw new IllegalArgumentException("--baseline " + baseline + ": no finished run of that method (methods: "
                    + String.join(", ", finished.stream().map(r -> r.result().methodName()).distinct().toList()) + ")");
        }
        return PairedDifferences.of(finished, baseline);
    }

    private static String resultsTable(List<PairedDifferences.Run> finished) {
        MarkdownTable t = new MarkdownTable(List.of("run", "task", "method", "lr", "seed", "score %", "trainable %", "wall time"), 3);
        for (PairedDifferences.Run run : finished) {
            StoredResult r = run.result();
            t.row(List.of(run.folder().getFileName().toString(), r.task(), r.methodName(),
                    RunSpec.formatRate(r.learningRate()), String.valueOf(r.run().get("seed")),
                    String.format(Locale.ROOT, "%.2f", 100 * r.score()), String.format(Locale.ROOT, "%.4f", r.trainablePercent()),
                    ClockTime.format(r.wallSeconds())));
        }
        return t.size() == 0 ? "(no finished runs)\n" : t.render();
    }

    private String runSection(Path run, Path outDir) throws IOException {
        String name = run.getFileName().toString();
        StringBuilder md = new StringBuilder("## " + name + "\n\n");
        Path log = run.resolve(LOG);
        if (Files.isRegularFile(log)) {
            List<Map<String, Object>> records = MetricsLog.read(log);
            Path images = outDir.resolve(name);
            TrainingCurves.lossPlot(records).writePng(images.resolve("loss.png"), width, height);
            md.append("![loss](").append(name).append("/loss.png)\n\n");
            String metric = TrainingCurves.devMetricKey(records);
            if (metric != null) {
                TrainingCurves.devMetricPlot(records, metric).writePng(images.resolve("dev_metric.png"), width, height);
                md.append("![dev ").append(metric).append("](").append(name).append("/dev_metric.png)\n\n");
            } else {
                md.append("(no dev evaluations logged)\n\n");
            }
        } else {
            md.append("(no ").append(LOG).append(")\n\n");
        }
        Path heatmap = run.resolve(HEATMAP);
        if (Files.isRegularFile(heatmap)) {
            AtomicFiles.writeBytes(outDir.resolve(name).resolve(HEATMAP), Files.readAllBytes(heatmap));
            md.append("![head scores](").append(name).append('/').append(HEATMAP).append(")\n\n");
        }
        return md.toString();
    }
}
