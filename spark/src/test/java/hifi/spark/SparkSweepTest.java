package hifi.spark;

import hifi.engine.backend.Backends;
import hifi.engine.io.Json;
import hifi.glue.cli.AppRun;
import hifi.glue.run.RunExecutor;
import hifi.glue.run.RunOutcome;
import hifi.glue.run.SweepConfig;
import hifi.glue.testing.TinyModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweeps on Spark: the in-process sweep's scores, a failed task retried from its checkpoint, a restart that repeats nothing. */
class SparkSweepTest {
    @TempDir
    static Path tmp;
    static Path config;
    static Path inProcess;
    static final List<String> RUNS = List.of("sentiment_bitfit_lr1e-3_s1", "sentiment_hifi-k1_lr1e-3_s1", "sentiment_full_lr1e-3_s1");

    @BeforeAll
    static void inProcessSweep() throws IOException {
        LocalSpark.context();
        Path model = TinyModel.write(tmp.resolve("model"));
        config = tmp.resolve("sweep.json");
        Files.writeString(config, Json.pretty(Map.of("name", "tiny", "tasks", List.of("sentiment"),
                "methods", List.of("bitfit", Map.of("name", "hifi-k1", "method", "hifi", "k", 1), "full"),
                "seeds", List.of(1), "learning_rates", List.of(1e-3),
                "params", Map.of("model", model.toString(), "epochs", 1, "train_subset", 32, "max_length", 24, "batch_size", 8,
                        "samples", 16))));
        inProcess = tmp.resolve("in-process");
        AppRun run = AppRun.of("sweep", "--config", config.toString(), "--out", inProcess.toString());
        assertEquals(0, run.code(), run.toString());
    }

    @Test
    void aSweepOnSparkScoresAsTheInProcessSweep() throws IOException {
        Path out = tmp.resolve("spark");
        AppRun run = AppRun.of("sweep", "--config", config.toString(), "--out", out.toString(), "--master", LocalSpark.MASTER);
        assertEquals(0, run.code(), run.toString());
        for (String r : RUNS) assertEquals(scores(inProcess.resolve(r)), scores(out.resolve(r)), r);
        assertEquals(Files.readString(inProcess.resolve("summary.md")).replaceAll("\\d+:\\d\\d(:\\d\\d)?", "T"),
                Files.readString(out.resolve("summary.md")).replaceAll("\\d+:\\d\\d(:\\d\\d)?", "T"));
    }

    @Test
    void aTaskThatFailsOnceIsRetriedFromItsCheckpointWithTheSameResult() throws IOException {
        Path out = tmp.resolve("retried");
        RunOutcome outcome = sweep(out, FailOnce.TASKS);
        assertEquals(RUNS, outcome.executed());
        for (String r : RUNS) {
            assertTrue(Files.exists(out.resolve(r).resolve(FailOnce.MARKER)), r + " failed once");
            assertFalse(Files.exists(out.resolve(r).resolve("error.txt")), r + " recovered");
            assertEquals(scores(inProcess.resolve(r)), scores(out.resolve(r)), r);
            List<String> steps = Files.readAllLines(out.resolve(r).resolve("metrics.jsonl")).stream().filter(l -> l.contains("\"loss\"")).toList();
            assertEquals(4, steps.size(), r + ": the retry resumed from the checkpoint instead of training again: " + steps);
        }
    }

    @Test
    void aSweepStoppedAndRestartedLosesNoFinishedRunAndRepeatsNone() throws IOException {
        Path out = tmp.resolve("restarted");
        RunOutcome first = sweep(out, StopAt.HIFI);
        assertEquals(List.of(RUNS.get(0), RUNS.get(2)), first.executed());
        assertEquals(1, first.failed().size());
        assertTrue(Files.exists(out.resolve(RUNS.get(1)).resolve("error.txt")));
        Map<String, FileTime> finished = new LinkedHashMap<>();
        for (String r : first.executed()) finished.put(r, Files.getLastModifiedTime(out.resolve(r).resolve("result.json")));

        RunOutcome second = sweep(out, hifi.spark.SweepTasks.FINE_TUNING);
        assertEquals(List.of(RUNS.get(1)), second.executed(), "only the unfinished run");
        assertEquals(first.executed(), second.skipped());
        for (var e : finished.entrySet()) assertEquals(e.getValue(), Files.getLastModifiedTime(out.resolve(e.getKey()).resolve("result.json")));
        for (String r : RUNS) assertEquals(scores(inProcess.resolve(r)), scores(out.resolve(r)), r);
    }

    static RunOutcome sweep(Path out, SweepTasks tasks) throws IOException {
        try (SparkCluster c = new SparkCluster(null, Backends.byName("simd", 1).name(), quiet()).withSweepTasks(tasks)) {
            return c.sweep(SweepConfig.read(config), out, quiet());
        }
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    /** What a run computed: score, metrics and the extra record, less the measured step time (a clock reading). */
    static Object scores(Path run) throws IOException {
        Map<String, Object> r = Json.parseObject(Files.readString(run.resolve("result.json")));
        Map<Object, Object> extra = new java.util.LinkedHashMap<>((Map<?, ?>) r.get("extra"));
        extra.remove("mean_step_seconds");
        return List.of(r.get("score"), r.get("metrics"), extra);
    }

    /** Trains the run, then fails the first attempt (as a lost executor would after its last checkpoint). */
    static final class FailOnce {
        static final String MARKER = "failed-once";
        static final SweepTasks TASKS = backend -> {
            RunExecutor fine = SweepTasks.FINE_TUNING.executor(backend);
            return (spec, dir) -> {
                var result = fine.execute(spec, dir);
                if (Files.exists(dir.resolve(MARKER))) return result;
                Files.writeString(dir.resolve(MARKER), "");
                throw new IllegalStateException("executor lost after training " + spec.folderName());
            };
        };
    }

    /** Fails the hifi run on every attempt, as a sweep stopped while it ran. */
    static final class StopAt {
        static final SweepTasks HIFI = backend -> {
            RunExecutor fine = SweepTasks.FINE_TUNING.executor(backend);
            return (spec, dir) -> {
                if (spec.methodName().equals("hifi-k1")) throw new IllegalStateException("stopped");
                return fine.execute(spec, dir);
            };
        };
    }
}
