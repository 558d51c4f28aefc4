package hifi.glue.cli;

import hifi.engine.io.Json;
import hifi.engine.io.SafetensorsFile;
import hifi.engine.testing.Damage;
import hifi.engine.train.Checkpoint;
import hifi.glue.Fixtures;
import hifi.glue.testing.TinyModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged or surprising state in a run folder is caught through the CLI: a checkpoint, an adapter or a model that fails
 * its checksums is a one-line error naming the file (and the tensor), exit 1, and leaves every folder byte-identical;
 * a resume falls back to the previous checkpoint when the newest is damaged and still ends with the uninterrupted
 * run's adapter; {@code --resume} on a finished run refuses; a resumed run's wall time counts every invocation.
 */
class RunFolderIntegrityTest {
    @TempDir
    static Path tmp;
    static Path model, finished;
    static final String DATA = Fixtures.glueData().toString();

    /** 3 RTE examples in batches of 2: 2 updates per epoch, 4 in all; checkpoints at 2, 3 and 4. */
    static AppRun train(Path modelDir, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--model", modelDir.toString(), "--task", "rte", "--data", DATA,
                "--out", out.toString(), "--method", "bitfit", "--epochs", "2", "--batch-size", "2", "--max-length", "48",
                "--lr", "1e-3", "--checkpoint-every", "3"));
        args.addAll(List.of(more));
        return AppRun.of(args.toArray(String[]::new));
    }

    @BeforeAll
    static void finishedRun() throws IOException {
        model = TinyModel.write(tmp.resolve("tiny"));
        finished = tmp.resolve("finished");
        AppRun run = train(model, finished);
        assertEquals(0, run.code(), run.toString());
    }

    /** A copy of the finished run as a run killed after its last checkpoint: no adapter, no result yet. */
    static Path interrupted(String name) throws IOException {
        Path dir = copy(finished, tmp.resolve(name));
        Files.delete(dir.resolve("result.json"));
        try (Stream<Path> adapter = Files.list(dir.resolve("adapter"))) {
            for (Path p : adapter.toList()) Files.delete(p);
        }
        Files.delete(dir.resolve("adapter"));
        return dir;
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) Files.copy(p, to.resolve(from.relativize(p).toString()));
        }
        return to;
    }

    static String firstTensor(Path file) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return f.names().getFirst();
        }
    }

    static void assertOneLineErrorNaming(AppRun run, Path file, String tensor, Damage.Kind kind) {
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().contains(file.toString()), run.toString());
        if (kind == Damage.Kind.DATA_BYTE || kind == Damage.Kind.EXPONENT_BIT) {
            assertTrue(run.err().contains("tensor \"" + tensor + "\": checksum mismatch"), run.toString());
        }
        assertEquals(1, run.err().lines().filter(l -> l.contains("error:")).count(), run.toString());
    }

    @ParameterizedTest
    @EnumSource(Damage.Kind.class)
    void aDamagedCheckpointIsRefusedAndTheRunFolderStaysAsItWas(Damage.Kind kind) throws IOException {
        Path run = interrupted("checkpoint-" + kind);
        Files.delete(Checkpoint.previousFile(run.resolve("checkpoints")));
        Path newest = Checkpoint.file(run.resolve("checkpoints"));
        String tensor = firstTensor(newest);
        Damage.inject(newest, kind, tensor);
        Map<String, String> before = Damage.fingerprint(run);

        AppRun resume = train(model, run, "--resume");
        assertOneLineErrorNaming(resume, newest, tensor, kind);
        assertTrue(resume.err().contains("no previous checkpoint"), resume.toString());
        assertEquals(before, Damage.fingerprint(run), "metrics.jsonl, run.json and the checkpoints are byte-identical");
    }

    @Test
    void aResumeFallsBackToThePreviousCheckpointAndEndsWithTheUninterruptedAdapter() throws IOException {
        Path run = interrupted("fallback");
        Path newest = Checkpoint.file(run.resolve("checkpoints"));
        long middle = Files.size(newest) / 2;
        Damage.flipBytes(newest, middle, 16);
        Files.writeString(run.resolve("wall_seconds.txt"), "100.000\n");

        AppRun resume = train(model, run, "--resume");
        assertEquals(0, resume.code(), resume.toString());
        assertTrue(resume.out().contains(newest + ": "), "names the damaged file: " + resume);
        assertTrue(resume.out().contains("resuming from " + Checkpoint.previousFile(run.resolve("checkpoints")) + " (step 3)"), resume.toString());
        assertArrayEquals(Files.readAllBytes(finished.resolve("adapter/adapter_model.safetensors")),
                Files.readAllBytes(run.resolve("adapter/adapter_model.safetensors")), "the uninterrupted run's adapter");
        Map<String, Object> result = Json.parseObject(Files.readString(run.resolve("result.json")));
        Map<String, Object> uninterrupted = Json.parseObject(Files.readString(finished.resolve("result.json")));
        assertEquals(uninterrupted.get("score"), result.get("score"));
        assertTrue(((Number) result.get("wall_seconds")).doubleValue() >= 100, "counts the earlier invocation's 100 s: " + result);
        assertFalse(Files.exists(run.resolve("wall_seconds.txt")), "the finished run's time lives in result.json");
    }

    @Test
    void resumingAFinishedRunRefusesAndChangesNothing() throws IOException {
        Map<String, String> before = Damage.fingerprint(finished);
        AppRun resume = train(model, finished, "--resume");
        assertEquals(1, resume.code(), resume.toString());
        assertTrue(resume.err().contains(finished + " holds a finished run; nothing to resume"), resume.toString());
        assertEquals(before, Damage.fingerprint(finished));
    }

    @ParameterizedTest
    @EnumSource(Damage.Kind.class)
    void aDamagedAdapterIsRefusedAndLeftAsItWas(Damage.Kind kind) throws IOException {
        Path adapter = copy(finished.resolve("adapter"), tmp.resolve("adapter-" + kind));
        Path weights = adapter.resolve("adapter_model.safetensors");
        String tensor = firstTensor(weights);
        Damage.inject(weights, kind, tensor);
        Map<String, String> before = Damage.fingerprint(adapter);

        AppRun eval = AppRun.of("eval", "--model", model.toString(), "--adapter", adapter.toString(), "--task", "rte",
                "--data", DATA, "--max-length", "48", "--out", tmp.resolve("eval-" + kind + ".json").toString());
        assertOneLineErrorNaming(eval, weights, tensor, kind);
        assertFalse(Files.exists(tmp.resolve("eval-" + kind + ".json")));
        assertEquals(before, Damage.fingerprint(adapter));
    }

    @ParameterizedTest
    @EnumSource(Damage.Kind.class)
    void aDamagedModelIsRefusedBeforeAnyRunFolderChanges(Damage.Kind kind) throws IOException {
        Path damaged = copy(model, tmp.resolve("model-" + kind));
        Path weights = damaged.resolve("model.safetensors");
        String tensor = "embeddings.word_embeddings.weight";
        Damage.inject(weights, kind, tensor);
        Map<String, String> modelBefore = Damage.fingerprint(damaged);

        Path fresh = tmp.resolve("fresh-" + kind);
        assertOneLineErrorNaming(train(damaged, fresh), weights, tensor, kind);
        assertFalse(Files.exists(fresh), "no run folder is created");

        Path run = interrupted("model-resume-" + kind);
        Map<String, String> runBefore = Damage.fingerprint(run);
        assertOneLineErrorNaming(train(damaged, run, "--resume"), weights, tensor, kind);
        assertEquals(runBefore, Damage.fingerprint(run));
        assertEquals(modelBefore, Damage.fingerprint(damaged));
    }
}
