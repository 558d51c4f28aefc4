package hifi.glue.cli;

import hifi.glue.Fixtures;
import hifi.glue.run.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The model-independent subcommands (data, sweep, report) run through the launcher, as Main will run them. */
class BuiltInCommandsTest {
    private final List<String> executed = new ArrayList<>();

    private record Outcome(int code, String out, String err) {
    }

    private Outcome run(String... args) {
        Launcher cli = new Launcher(Commands.commandLine(List.of(new DataCommand(),
                new SweepCommand(invocation -> (spec, dir) -> {
                    executed.add(spec.folderName());
                    Files.writeString(dir.resolve("metrics.jsonl"),
                            "{\"event\":\"train\",\"step\":1,\"loss\":0.7}\n{\"event\":\"train\",\"step\":2,\"loss\":0.6}\n"
                                    + "{\"event\":\"eval\",\"epoch\":1,\"split\":\"dev\",\"score\":0.6}\n");
                    return new RunResult(0.5 + spec.seed() / 10.0, Map.of("accuracy", 0.5 + spec.seed() / 10.0), 10, 100, Map.of());
                }),
                new ReportCommand())), false);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = cli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void dataCommandSummarisesEverySplit() {
        Outcome o = run("data", "--task", "rte", "--data", Fixtures.glueData().toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("| train | 3 | entailment: 2, not_entailment: 1 | 0 |"), o.out());
        assertTrue(o.out().contains("| test | 2 | unlabelled | 0 |"), o.out());
        Outcome stsb = run("data", "--task", "stsb", "--data", Fixtures.glueData().toString());
        assertTrue(stsb.out().contains("| dev | 2 | mean score 1.900 | 0 |"), stsb.out());
        Outcome sentiment = run("data", "--task", "sentiment");
        assertTrue(sentiment.out().contains("| train | 2400 |") && sentiment.out().contains("| dev | 600 |"), sentiment.out());
    }

    @Test
    void dataCommandErrors(@TempDir Path empty) {
        Outcome noData = run("data", "--task", "rte");
        assertEquals(2, noData.code());
        assertTrue(noData.err().contains("task rte needs --data DIR"), noData.err());
        Outcome badTask = run("data", "--task", "squad");
        assertEquals(2, badTask.code());
        assertTrue(badTask.err().contains("flag --task must be one of cola, sst2, mrpc"), badTask.err());
        Outcome missing = run("data", "--task", "rte", "--data", empty.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.out().contains("| train | missing |  |  |"), missing.out());
        assertTrue(missing.err().contains("data: missing " + empty.resolve("RTE/train.tsv")), missing.err());
    }

    @Test
    void malformedRowsFailOrAreCountedByFlag(@TempDir Path root) throws IOException {
        Path dev = root.resolve("WNLI/dev.tsv");
        Files.createDirectories(dev.getParent());
        Files.writeString(dev, "index\tsentence1\tsentence2\tlabel\n0\tA.\tB.\t1\n1\tC.\tD.\t7\n");
        Files.writeString(root.resolve("WNLI/train.tsv"), "index\tsentence1\tsentence2\tlabel\n0\tA.\tB.\t0\n");
        Files.writeString(root.resolve("WNLI/test.tsv"), "index\tsentence1\tsentence2\n0\tA.\tB.\n");
        Outcome fail = run("data", "--task", "wnli", "--data", root.toString());
        assertEquals(1, fail.code());
        assertEquals("hifi data: error: " + dev + ":3: unknown label '7' (expected one of 0, 1) (to drop such rows and "
                + "count them, read with the skip policy: --malformed skip)\n", fail.err());
        Outcome skip = run("data", "--task", "wnli", "--data", root.toString(), "--malformed", "skip");
        assertEquals(0, skip.code(), skip.err());
        assertTrue(skip.err().startsWith("warning: skipped 1 malformed row in " + dev + "\n"), skip.err());
        assertTrue(skip.out().contains("| dev | 1 | 0: 0, 1: 1 | 1 |"), skip.out());
    }

    @Test
    void sweepThenResumeThenReport(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("sweep.json");
        Files.writeString(config, "{\"name\":\"s\",\"tasks\":[\"rte\"],\"methods\":[\"bitfit\"],\"seeds\":[1,2],\"learning_rates\":[1e-3]}");
        Path out = dir.resolve("out");
        Outcome first = run("sweep", "--config", config.toString(), "--out", out.toString());
        assertEquals(0, first.code(), first.err());
        assertEquals(List.of("rte_bitfit_lr1e-3_s1", "rte_bitfit_lr1e-3_s2"), executed);
        executed.clear();
        assertEquals(0, run("sweep", "--config", config.toString(), "--out", out.toString()).code());
        assertEquals(List.of(), executed, "a finished sweep runs nothing again");
        Outcome summary = run("sweep", "--config", config.toString(), "--out", out.toString(), "--summary-only");
        assertTrue(summary.out().contains("| rte | bitfit | 1e-3 | 2 | 65.00 ± 7.07 |"), summary.out());

        Outcome report = run("report", "--runs", out.toString(), "--out", dir.resolve("report").toString(), "--width", "400", "--height", "300");
        assertEquals(0, report.code(), report.err());
        assertTrue(report.out().contains("(2 runs)"), report.out());
        assertTrue(Files.isRegularFile(dir.resolve("report/rte_bitfit_lr1e-3_s2/dev_metric.png")));
        assertEquals(2, run("report", "--runs", out.toString(), "--out", dir.toString(), "--width", "10").code());
    }

    @Test
    void sweepWithMissingConfigFailsNamingTheFile(@TempDir Path dir) {
        Outcome o = run("sweep", "--config", dir.resolve("nope.json").toString(), "--out", dir.toString());
        assertEquals(1, o.code());
        assertEquals("hifi sweep: error: no such file: " + dir.resolve("nope.json") + "\n", o.err());
    }
}
