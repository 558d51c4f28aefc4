package hifi.glue.report;

import hifi.engine.io.AtomicFiles;
import hifi.glue.io.MarkdownTable;
import hifi.glue.io.MetricsLog;
import hifi.glue.progress.ClockTime;
import hifi.glue.run.ResultFiles;
import hifi.glue.run.RunSpec;
import hifi.glue.run.StoredResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns run folders into a report folder: {@code report.md} with a table of the finished runs ({@code result.json})
 * and, per run, the loss curve and the dev metric per epoch drawn from {@code metrics.jsonl}, plus the head heatmap
 * ({@code heads.png}, written by head selection) where the run has one.
 */
public final class ReportWriter {
    /** The log, result and heatmap file names inside a run folder. */
    public static final String LOG = "metrics.jsonl", HEATMAP = "heads.png";

    private final int width;
    private final int height;

    /** Plots of {@code width × height} pixels. */
    public ReportWriter(int width, int height) {
        this.width = width;
        this.height = height;
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

    /** Writes the report for {@code runDirs} into {@code outDir} and returns the path of {@code report.md}. */
    public Path write(List<Path> runDirs, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        StringBuilder md = new StringBuilder("# Report\n\n");
        md.append(resultsTable(runDirs)).append('\n');
        for (Path run : runDirs) md.append(runSection(run, outDir));
        Path report = outDir.resolve("report.md");
        AtomicFiles.writeString(report, md.toString());
        return report;
    }

    private static String resultsTable(List<Path> runDirs) throws IOException {
        MarkdownTable t = new MarkdownTable(List.of("run", "task", "method", "lr", "seed", "score %", "trainable %", "wall time"), 3);
        for (Path run : runDirs) {
            if (!ResultFiles.isDone(run)) continue;
            StoredResult r = ResultFiles.readResult(run);
            t.row(List.of(run.getFileName().toString(), r.task(), r.methodName(),
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
