package hifi.glue.run;

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

class SweepRunnerTest {
    private static final String CONFIG = """
            {"name": "t", "tasks": ["rte"], "methods": ["full", "hifi"], "seeds": [1, 2, 3],
             "learning_rates": {"full": [2e-5], "hifi": [1e-3]}, "params": {"epochs": 3}}
            """;

    /** Fake training: score 0.6 + seed/100 for full, 0.5 + seed/100 for hifi; optionally fails on one run. */
    private static final class FakeExecutor implements RunExecutor {
        final List<String> calls = new ArrayList<>();
        String failOn;

        @Override
        public RunResult execute(RunSpec run, Path runDir) throws IOException {
            calls.add(run.folderName());
            assertTrue(Files.isRegularFile(runDir.resolve("run.json")), "run.json exists before training");
            if (run.folderName().equals(failOn)) throw new IOException("disk full");
            double score = (run.method().equals("full") ? 0.6 : 0.5) + run.seed() / 100.0;
            long trainable = run.method().equals("full") ? 1000 : 10;
            return new RunResult(score, Map.of("accuracy", score), trainable, 1000, Map.of("best_epoch", 2));
        }
    }

    private static final class Clock {
        long now;
    }

    @Test
    void runsEverythingThenResumesOnlyWhatIsMissing(@TempDir Path dir) throws IOException {
        SweepConfig config = SweepConfig.parse(CONFIG, "cfg");
        FakeExecutor fake = new FakeExecutor();
        fake.failOn = "rte_hifi_lr1e-3_s2";
        Clock clock = new Clock();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepRunner runner = new SweepRunner((run, runDir) -> {
            clock.now += 90_000_000_000L;      // every run takes 90 s of fake time
            return fake.execute(run, runDir);
        }, new PrintStream(log, true, StandardCharsets.UTF_8), () -> clock.now);

        RunOutcome first = runner.run(config, dir);
        assertEquals(5, first.executed().size());
        assertEquals(1, first.failed().size());
        assertTrue(Files.readString(dir.resolve("rte_hifi_lr1e-3_s2/error.txt")).contains("disk full"));
        assertFalse(Files.exists(dir.resolve("rte_hifi_lr1e-3_s2/result.json")));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("[4/6] rte_hifi_lr1e-3_s1 done in 1:30, score 0.5100"));

        // The failed run's 90 s are on record; the retry adds its own (an interrupted run resumed later counts the same way).
        assertEquals(90.0, Double.parseDouble(Files.readString(dir.resolve("rte_hifi_lr1e-3_s2/" + RunWallTime.FILE)).trim()), 1e-9);
        assertFalse(Files.exists(dir.resolve("rte_full_lr2e-5_s1/" + RunWallTime.FILE)), "finished runs keep their time in result.json");

        fake.calls.clear();
        fake.failOn = null;
        RunOutcome second = runner.run(config, dir);
        assertTrue(Files.readString(dir.resolve("rte_hifi_lr1e-3_s2/result.json")).contains("\"wall_seconds\": 180.0"));
        assertEquals(List.of("rte_hifi_lr1e-3_s2"), fake.calls);
        assertEquals(5, second.skipped().size());
        assertFalse(Files.exists(dir.resolve("rte_hifi_lr1e-3_s2/error.txt")));

        String result = Files.readString(dir.resolve("rte_full_lr2e-5_s1/result.json"));
        assertTrue(result.contains("\"wall_seconds\": 90.0"), result);
        assertTrue(result.contains("\"trainable_percent\": 100.0"), result);

        // full: 61, 62, 63 → mean 62.00, sample std 1.00; hifi: 51, 52, 53 → 52.00 ± 1.00
        String summary = Files.readString(second.summary());
        assertTrue(summary.contains("6 of 6 runs finished"), summary);
        assertTrue(summary.contains("| rte | full | 2e-5 | 3 | 62.00 ± 1.00 | accuracy 62.00 ± 1.00 | 100.0000 | 1:30 |"), summary);
        assertTrue(summary.contains("| rte | hifi | 1e-3 | 3 | 52.00 ± 1.00 | accuracy 52.00 ± 1.00 | 1.0000 | 2:00 |"), summary);
        assertTrue(summary.contains("| full | 62.00 ± 1.00 (lr 2e-5, n=3) | 62.00 |"), summary);
    }

    @Test
    void aFolderStartedWithOtherParametersIsRefused(@TempDir Path dir) throws IOException {
        new SweepRunner(new FakeExecutor(), new PrintStream(new ByteArrayOutputStream())).run(SweepConfig.parse(CONFIG, "cfg"), dir);
        SweepConfig changed = SweepConfig.parse(CONFIG.replace("\"epochs\": 3", "\"epochs\": 4"), "cfg");
        FakeExecutor fake = new FakeExecutor();
        IOException e = assertThrows(IOException.class,
                () -> new SweepRunner(fake, new PrintStream(new ByteArrayOutputStream())).run(changed, dir));
        assertTrue(e.getMessage().contains("rte_full_lr2e-5_s1 was started with other parameters"), e.getMessage());
        assertTrue(fake.calls.isEmpty());
    }

    @Test
    void summaryOfAnUnstartedSweep(@TempDir Path dir) throws IOException {
        String md = SweepSummary.markdown(SweepConfig.parse(CONFIG, "cfg"), dir);
        assertTrue(md.contains("0 of 6 runs finished"));
        assertTrue(md.contains("(no finished runs yet)"));
        assertTrue(md.contains("| full | — | — |"), md);
    }
}
