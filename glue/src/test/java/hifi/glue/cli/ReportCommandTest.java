package hifi.glue.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hifi report}'s command line: several --runs folders, --baseline, --no-curves, and their errors. */
class ReportCommandTest {

    private static void result(Path root, String method, long seed, double score) throws IOException {
        Path dir = Files.createDirectories(root.resolve("rte_" + method + "_s" + seed));
        Files.writeString(dir.resolve("result.json"), """
                {"run": {"task": "rte", "method_name": "%s", "seed": %d, "learning_rate": 5e-4},
                 "score": %s, "metrics": {}, "trainable_percent": 1.0, "wall_seconds": 1.0}
                """.formatted(method, seed, score));
    }

    @Test
    void comparesRunsFromTwoFoldersWithTheBaseline(@TempDir Path tmp) throws IOException {
        Path grid = tmp.resolve("grid"), ablation = tmp.resolve("ablation"), out = tmp.resolve("report");
        result(grid, "random-heads", 1, 0.6);
        result(ablation, "info-only", 1, 0.7);
        AppRun r = AppRun.of("report", "--runs", grid.toString(), "--runs", ablation.toString(), "--baseline", "random-heads",
                "--no-curves", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("(2 runs)"), r.out());
        assertTrue(Files.readString(out.resolve("report.md")).contains("| RTE | info-only | 1 | 70.00 | 60.00 | +10.00 | [+10.00, +10.00] |"));
        assertTrue(Files.isRegularFile(out.resolve("differences.png")));

        result(ablation, "bitfit", 1, 0.5);
        Path only = tmp.resolve("only");
        AppRun filtered = AppRun.of("report", "--runs", grid.toString(), "--runs", ablation.toString(), "--baseline", "random-heads",
                "--methods", "info-only", "--no-curves", "--out", only.toString());
        assertEquals(0, filtered.code(), filtered.toString());
        assertTrue(filtered.out().contains("(2 runs)"), "info-only and the baseline, not bitfit: " + filtered.out());
        assertTrue(!Files.readString(only.resolve("report.md")).contains("bitfit"));
        Path cola = Files.createDirectories(grid.resolve("cola_random-heads_s1"));
        Files.writeString(cola.resolve("result.json"), """
                {"run": {"task": "cola", "method_name": "random-heads", "seed": 1, "learning_rate": 5e-4},
                 "score": 0.3, "metrics": {}, "trainable_percent": 1.0, "wall_seconds": 1.0}
                """);
        AppRun rteOnly = AppRun.of("report", "--runs", grid.toString(), "--runs", ablation.toString(), "--baseline", "random-heads",
                "--methods", "info-only", "--tasks", "rte", "--no-curves", "--out", tmp.resolve("rte").toString());
        assertEquals(0, rteOnly.code(), rteOnly.toString());
        assertTrue(rteOnly.out().contains("(2 runs)"), "the CoLA run is left out: " + rteOnly.out());
        AppRun unknownTask = AppRun.of("report", "--runs", grid.toString(), "--tasks", "mrpc", "--out", tmp.resolve("r5").toString());
        assertEquals(Exit.FAILURE, unknownTask.code(), unknownTask.toString());
        assertTrue(unknownTask.err().contains("--tasks mrpc"), unknownTask.toString());
        AppRun unknownMethod = AppRun.of("report", "--runs", grid.toString(), "--methods", "lora", "--out", tmp.resolve("r4").toString());
        assertEquals(Exit.FAILURE, unknownMethod.code(), unknownMethod.toString());
        assertTrue(unknownMethod.err().contains("--methods lora"), unknownMethod.toString());
        AppRun unknown = AppRun.of("report", "--runs", grid.toString(), "--baseline", "lora", "--out", tmp.resolve("r2").toString());
        assertEquals(Exit.FAILURE, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("--baseline lora"), unknown.toString());
        AppRun missing = AppRun.of("report", "--runs", grid.toString(), "--runs", tmp.resolve("nope").toString(), "--out", tmp.resolve("r3").toString());
        assertEquals(Exit.USAGE, missing.code(), missing.toString());
        assertTrue(Files.notExists(tmp.resolve("r2")) && Files.notExists(tmp.resolve("r3")) && Files.notExists(tmp.resolve("r4"))
                && Files.notExists(tmp.resolve("r5")), "nothing written");
    }
}
