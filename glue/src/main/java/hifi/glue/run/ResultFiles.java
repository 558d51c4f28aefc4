package hifi.glue.run;

import hifi.engine.io.Json;
import hifi.glue.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of a run folder: {@code run.json} (the spec, written before training), {@code result.json} (written
 * once, atomically, when the run has finished — its presence is what marks a run done) and {@code error.txt}
 * (the failure of the last attempt).
 */
public final class ResultFiles {
    public static final String RUN = "run.json";
    public static final String RESULT = "result.json";
    public static final String ERROR = "error.txt";

    private ResultFiles() {
    }

    /** Whether the run in {@code runDir} has finished. */
    public static boolean isDone(Path runDir) {
        return Files.isRegularFile(runDir.resolve(RESULT));
    }

    static void writeSpec(Path runDir, RunSpec spec) throws IOException {
        AtomicFiles.writeString(runDir.resolve(RUN), Json.pretty(spec.toJson()));
    }

    static void writeResult(Path runDir, RunSpec spec, RunResult result, double wallSeconds) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", spec.toJson());
        m.put("score", result.score());
        m.put("metrics", result.metrics());
        m.put("trainable_params", result.trainableParams());
        m.put("total_params", result.totalParams());
        m.put("trainable_percent", result.trainablePercent());
        m.put("wall_seconds", wallSeconds);
        m.put("extra", result.extra());
        AtomicFiles.writeString(runDir.resolve(RESULT), Json.pretty(m));
    }

    /** Reads a {@code result.json}; errors name the file. */
    public static StoredResult readResult(Path runDir) throws IOException {
        Path file = runDir.resolve(RESULT);
        try {
            Map<String, Object> m = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            return StoredResult.of(m);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a valid result file: " + e.getMessage(), e);
        }
    }
}
