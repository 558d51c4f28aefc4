package hifi.glue.run;

import hifi.engine.io.Json;
import hifi.glue.progress.ClockTime;
import hifi.engine.io.AtomicFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs a sweep in a folder, one sub-folder per run ({@link RunSpec#folderName()}). A run whose folder already holds
 * {@code result.json} is skipped, so an interrupted sweep resumes where it stopped. A run that throws is recorded in
 * its {@code error.txt} and the sweep goes on; it is retried the next time. A folder started with different
 * parameters than the config now gives (same name, other {@code params}) is an error, never silently reused. At the
 * end the summary table is (re)written to {@code summary.md}.
 */
public final class SweepRunner {
    private final RunExecutor executor;
    private final PrintStream log;
    private final LongSupplier nanoClock;

    public SweepRunner(RunExecutor executor, PrintStream log) {
        this(executor, log, System::nanoTime);
    }

    /** With an injectable clock, for tests. */
    public SweepRunner(RunExecutor executor, PrintStream log, LongSupplier nanoClock) {
        this.executor = executor;
        this.log = log;
        this.nanoClock = nanoClock;
    }

    public RunOutcome run(SweepConfig config, Path sweepDir) throws IOException {
        Files.createDirectories(sweepDir);
        List<String> executed = new ArrayList<>(), skipped = new ArrayList<>(), failed = new ArrayList<>();
        List<RunSpec> runs = config.runs();
        for (RunSpec spec : runs) checkNotStartedDifferently(sweepDir.resolve(spec.folderName()), spec);
        for (int i = 0; i < runs.size(); i++) {
            RunSpec spec = runs.get(i);
            Path dir = sweepDir.resolve(spec.folderName());
            String prefix = String.format(Locale.ROOT, "[%d/%d] %s", i + 1, runs.size(), spec.folderName());
            if (ResultFiles.isDone(dir)) {
                skipped.add(spec.folderName());
                continue;
            }
            Files.createDirectories(dir);
            ResultFiles.writeSpec(dir, spec);
            log.println(prefix + " …");
            try (RunWallTime wall = RunWallTime.start(dir, nanoClock)) {
                RunResult result = executor.execute(spec, dir);
                double seconds = wall.seconds();
                ResultFiles.writeResult(dir, spec, result, seconds);
                wall.finished();
                Files.deleteIfExists(dir.resolve(ResultFiles.ERROR));
                executed.add(spec.folderName());
                log.println(prefix + String.format(Locale.ROOT, " done in %s, score %.4f, trainable %.4f%%",
                        ClockTime.format(seconds), result.score(), result.trainablePercent()));
            } catch (Exception e) {
                AtomicFiles.writeString(dir.resolve(ResultFiles.ERROR), stackTrace(e));
                failed.add(spec.folderName() + ": " + e);
                log.println(prefix + " FAILED: " + e + " (details in " + dir.resolve(ResultFiles.ERROR) + ")");
            }
        }
        Path summary = sweepDir.resolve("summary.md");
        AtomicFiles.writeString(summary, SweepSummary.markdown(config, sweepDir));
        log.println(String.format(Locale.ROOT, "sweep %s: %d run now, %d already done, %d failed; summary in %s",
                config.name(), executed.size(), skipped.size(), failed.size(), summary));
        return new RunOutcome(executed, skipped, failed, summary);
    }

    /** Refuses a run folder whose {@code run.json} records other parameters than {@code spec}. */
    private static void checkNotStartedDifferently(Path dir, RunSpec spec) throws IOException {
        Path file = dir.resolve(ResultFiles.RUN);
        if (!Files.isRegularFile(file)) return;
        Map<String, Object> stored;
        try {
            stored = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IOException(file + ": unreadable run spec: " + e.getMessage(), e);
        }
        Map<String, Object> wanted = Json.parseObject(Json.write(spec.toJson()));
        if (!stored.equals(wanted)) {
            throw new IOException(dir + " was started with other parameters than the config now gives:\n  stored: "
                    + Json.write(stored) + "\n  config: " + Json.write(wanted)
                    + "\nrestore the config, or move the folder away to rerun it");
        }
    }

    private static String stackTrace(Throwable e) {
        StringWriter s = new StringWriter();
        e.printStackTrace(new PrintWriter(s));
        return s.toString();
    }
}
