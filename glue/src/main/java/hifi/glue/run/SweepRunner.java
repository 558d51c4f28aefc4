package hifi.glue.run;

import hifi.engine.io.AtomicFiles;
import hifi.engine.io.Json;
import hifi.glue.progress.ClockTime;

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
        List<String> executed = new ArrayList<>(), skipped = new ArrayList<>(), failed = new ArrayList<>();
        List<RunSpec> runs = config.runs();
        List<RunSpec> pending = pending(config, sweepDir, skipped);
        for (RunSpec spec : pending) {
            Exception e = runOne(spec, sweepDir.resolve(spec.folderName()), prefix(runs, spec));
            if (e == null) executed.add(spec.folderName());
            else failed.add(spec.folderName() + ": " + e);
        }
        return finish(config, sweepDir, executed, skipped, failed);
    }

    /**
     * The runs of {@code config} still to run in {@code sweepDir}, in config order: those without a
     * {@code result.json}; the folder names of the others are added to {@code skipped}. Creates the sweep folder and
     * first refuses any run folder that was started with other parameters.
     */
    public static List<RunSpec> pending(SweepConfig config, Path sweepDir, List<String> skipped) throws IOException {
        Files.createDirectories(sweepDir);
        List<RunSpec> runs = config.runs(), pending = new ArrayList<>();
        for (RunSpec spec : runs) checkNotStartedDifferently(sweepDir.resolve(spec.folderName()), spec);
        for (RunSpec spec : runs) {
            if (ResultFiles.isDone(sweepDir.resolve(spec.folderName()))) skipped.add(spec.folderName());
            else pending.add(spec);
        }
        return pending;
    }

    /** The log prefix of {@code spec}: its place in the sweep and its folder, {@code [2/6] rte_hifi-k1_lr3e-4_s1}. */
    public static String prefix(List<RunSpec> runs, RunSpec spec) {
        return String.format(Locale.ROOT, "[%d/%d] %s", runs.indexOf(spec) + 1, runs.size(), spec.folderName());
    }

    /**
     * Runs one run in its folder {@code dir}: records {@code run.json}, executes it (resuming from what the folder
     * holds) and writes {@code result.json} atomically, which marks the run done; a failure is recorded in
     * {@code error.txt} and returned ({@code null}: the run finished).
     */
    public Exception runOne(RunSpec spec, Path dir, String prefix) throws IOException {
        Files.createDirectories(dir);
        ResultFiles.writeSpec(dir, spec);
        log.println(prefix + " …");
        try (RunWallTime wall = RunWallTime.start(dir, nanoClock)) {
            RunResult result = executor.execute(spec, dir);
            double seconds = wall.seconds();
            ResultFiles.writeResult(dir, spec, result, seconds);
            wall.finished();
            Files.deleteIfExists(dir.resolve(ResultFiles.ERROR));
            log.println(prefix + String.format(Locale.ROOT, " done in %s, score %.4f, trainable %.4f%%",
                    ClockTime.format(seconds), result.score(), result.trainablePercent()));
            return null;
        } catch (Exception e) {
            AtomicFiles.writeString(dir.resolve(ResultFiles.ERROR), stackTrace(e));
            log.println(prefix + " FAILED: " + e + " (details in " + dir.resolve(ResultFiles.ERROR) + ")");
            return e;
        }
    }

    /** (Re)writes {@code summary.md} from the finished runs and logs the tally. */
    public RunOutcome finish(SweepConfig config, Path sweepDir, List<String> executed, List<String> skipped,
                             List<String> failed) throws IOException {
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
