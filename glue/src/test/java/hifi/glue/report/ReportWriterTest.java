package hifi.glue.report;

import hifi.engine.io.Json;
import hifi.glue.io.MetricsLog;
import hifi.glue.run.RunResult;
import hifi.glue.run.SweepConfig;
import hifi.glue.run.SweepRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class ReportWriterTest {

    private static Map<String, Object> record(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void runFoldersBecomeMarkdownWithPlots(@TempDir Path dir) throws IOException {
        Path sweep = dir.resolve("sweep");
        SweepConfig config = SweepConfig.parse("""
                {"tasks": ["rte"], "methods": ["hifi"], "seeds": [1], "learning_rates": [1e-3]}
                """, "cfg");
        new SweepRunner((run, runDir) -> {
            try (MetricsLog log = MetricsLog.append(runDir.resolve("metrics.jsonl"))) {
                for (int step = 1; step <= 30; step++) {
                    log.log(record("event", "train", "step", step, "epoch", 1 + (step - 1) / 10, "loss", 0.7 / Math.sqrt(step)));
                    if (step % 10 == 0) {
                        log.log(record("event", "eval", "step", step, "epoch", step / 10, "split", "dev",
                                "accuracy", 0.5 + step / 100.0, "score", 0.5 + step / 100.0, "loss", 0.69 - step / 200.0));
                    }
                }
            }
            return new RunResult(0.8, Map.of("accuracy", 0.8), 5, 1000, Map.of());
        }, new PrintStream(new ByteArrayOutputStream())).run(config, sweep);

        List<Path> runs = ReportWriter.findRuns(sweep);
        assertEquals(List.of(sweep.resolve("rte_hifi_lr1e-3_s1")), runs);
        Path report = new ReportWriter(480, 320).write(runs, dir.resolve("report"));
        String md = Files.readString(report);
        assertTrue(md.contains("| rte_hifi_lr1e-3_s1 | rte | hifi | 1e-3 | 1 | 80.00 | 0.5000 |"), md);
        assertTrue(md.contains("![loss](rte_hifi_lr1e-3_s1/loss.png)"), md);
        assertTrue(md.contains("![dev score](rte_hifi_lr1e-3_s1/dev_metric.png)"), md);
        for (String png : List.of("loss.png", "dev_metric.png")) {
            BufferedImage image = ImageIO.read(dir.resolve("report/rte_hifi_lr1e-3_s1").resolve(png).toFile());
            assertEquals(480, image.getWidth(), png);
            assertEquals(320, image.getHeight(), png);
            assertTrue(LinePlotTest.count(image, LinePlot.PALETTE[0]) > 100, png + " has its first series");
        }
    }

    @Test
    void curvesKeepTheLaterRecordOfARepeatedStep() {
        List<Map<String, Object>> records = List.of(
                record("event", "train", "step", 1, "loss", 0.9),
                record("event", "train", "step", 2, "loss", 0.8),
                record("event", "train", "step", 2, "loss", 0.7),      // logged again after a resume
                record("event", "eval", "epoch", 1, "split", "dev_matched", "accuracy", 0.6),
                record("event", "eval", "epoch", 1, "split", "dev_mismatched", "accuracy", 0.62),
                record("event", "eval", "epoch", 1, "split", "test", "accuracy", 0.1));
        assertEquals("accuracy", TrainingCurves.devMetricKey(records));
        BufferedImage loss = TrainingCurves.lossPlot(records).render(300, 200);
        assertTrue(LinePlotTest.count(loss, LinePlot.PALETTE[0]) > 20);
        BufferedImage dev = TrainingCurves.devMetricPlot(records, "accuracy").render(300, 200);
        assertTrue(LinePlotTest.count(dev, LinePlot.PALETTE[1]) > 10, "a second series for dev_mismatched");
        assertNull(TrainingCurves.devMetricKey(List.of(records.get(0))));
    }

    @Test
    void aFolderWithoutRunsIsAnError(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> ReportWriter.findRuns(dir));
        assertTrue(e.getMessage().contains("no run folders"), e.getMessage());
    }

    /** A finished run folder {@code <root>/<task>_<method>_s<seed>} with only its result.json. */
    private static void result(Path root, String task, String method, long seed, double score) throws IOException {
        Path dir = Files.createDirectories(root.resolve(task + "_" + method + "_s" + seed));
        Map<String, Object> run = record("task", task, "method_name", method, "method", method, "seed", seed, "learning_rate", 5e-4);
        Files.writeString(dir.resolve("result.json"), Json.pretty(record("run", run, "score", score, "metrics", Map.of("accuracy", score),
                "trainable_percent", 2.0, "wall_seconds", 60.0)));
    }

    @Test
    void runsFromTwoFoldersAreComparedWithTheBaselineSeedBySeed(@TempDir Path dir) throws IOException {
        Path grid = dir.resolve("grid"), ablation = dir.resolve("ablation");
        double[] random = {0.60, 0.62, 0.58}, lowest = {0.55, 0.60, 0.56};
        for (int s = 0; s < 3; s++) {
            result(grid, "rte", "random-heads", s + 1, random[s]);
            result(ablation, "rte", "hifi-lowest", s + 1, lowest[s]);
        }
        result(ablation, "cola", "hifi-lowest", 1, 0.3);               // no baseline on CoLA: no row
        List<Path> runs = ReportWriter.findRuns(List.of(grid, ablation));
        assertEquals(7, runs.size());
        Path report = new ReportWriter(480, 320, "random-heads", false).write(runs, dir.resolve("report"));
        String md = Files.readString(report);
        // differences −0.05, −0.02, −0.02: mean −3.00 points, with 3 seeds the interval is their range
        assertTrue(md.contains("| RTE | hifi-lowest | 1,2,3 | 57.00 | 60.00 | -3.00 | [-5.00, -2.00] |"), md);
        assertTrue(md.contains("![paired differences](differences.png)"), md);
        assertTrue(!md.contains("loss.png") && !md.contains("| CoLA |"), "no curves, no CoLA row: " + md);
        BufferedImage plot = ImageIO.read(dir.resolve("report/differences.png").toFile());
        assertEquals(480, plot.getWidth());
        assertTrue(LinePlotTest.count(plot, LinePlot.PALETTE[0]) > 50, "the interval is drawn");
    }

    @Test
    void onlyTheNamedMethodsAndTheBaselineAreReported(@TempDir Path dir) throws IOException {
        Path grid = dir.resolve("grid");
        for (int s = 1; s <= 2; s++) {
            result(grid, "rte", "random-heads", s, 0.60);
            result(grid, "rte", "bitfit", s, 0.30);
            result(grid, "rte", "hifi-lowest", s, 0.58);
        }
        List<Path> runs = ReportWriter.findRuns(grid);
        Path report = new ReportWriter(480, 320, "random-heads", true)
                .write(ReportWriter.onlyMethods(runs, Set.of("hifi-lowest"), "random-heads"), dir.resolve("report"));
        String md = Files.readString(report);
        assertTrue(md.contains("| RTE | hifi-lowest | 1,2 | 58.00 | 60.00 | -2.00 |"), md);
        assertTrue(md.contains("| rte_random-heads_s1 |"), "the baseline's runs stay: " + md);
        assertFalse(md.contains("bitfit"), "a method not named is left out of the tables and the curves: " + md);
        var unknown = assertThrows(IllegalArgumentException.class, () -> new ReportWriter(480, 320, "random-heads", false)
                .write(ReportWriter.onlyMethods(runs, Set.of("hifi-lowest", "lora"), "random-heads"), dir.resolve("out")));
        assertTrue(unknown.getMessage().contains("--methods lora") && unknown.getMessage().contains("bitfit"), unknown.getMessage());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written");
    }

    @Test
    void onlyTheNamedTasksAreReported(@TempDir Path dir) throws IOException {
        Path grid = dir.resolve("grid");
        result(grid, "rte", "random-heads", 1, 0.60);
        result(grid, "rte", "hifi", 1, 0.65);
        result(grid, "sst2", "random-heads", 1, 0.90);
        result(grid, "sst2", "hifi", 1, 0.89);
        List<Path> runs = ReportWriter.findRuns(grid);
        List<Path> rte = ReportWriter.onlyTasks(runs, Set.of("RTE"));
        assertEquals(2, rte.size(), rte.toString());
        String md = Files.readString(new ReportWriter(480, 320, "random-heads", false).write(rte, dir.resolve("report")));
        assertTrue(md.contains("| RTE | hifi | 1 | 65.00 | 60.00 | +5.00 |"), md);
        assertFalse(md.contains("SST-2") || md.contains("sst2"), "a task not named is left out: " + md);
        var unknown = assertThrows(IllegalArgumentException.class, () -> ReportWriter.onlyTasks(runs, Set.of("rte", "cola")));
        assertTrue(unknown.getMessage().contains("--tasks cola") && unknown.getMessage().contains("sst2"), unknown.getMessage());
    }

    @Test
    void anUnknownBaselineOrTheSameRunFolderTwiceIsAnError(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        result(a, "rte", "hifi", 1, 0.6);
        result(b, "rte", "hifi", 1, 0.6);
        IOException twice = assertThrows(IOException.class, () -> ReportWriter.findRuns(List.of(a, b)));
        assertTrue(twice.getMessage().contains("rte_hifi_s1"), twice.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> new ReportWriter(480, 320, "random-heads", true).write(ReportWriter.findRuns(List.of(a)), dir.resolve("out")));
        assertTrue(unknown.getMessage().contains("random-heads") && unknown.getMessage().contains("hifi"), unknown.getMessage());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written");
    }
}
