package hifi.spark;

import hifi.engine.backend.Backends;
import hifi.engine.io.Json;
import hifi.glue.run.RunOutcome;
import hifi.glue.run.RunSpec;
import hifi.glue.run.SweepConfig;
import hifi.glue.run.SweepRunner;
import hifi.glue.tasks.GlueTask;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep on Spark: every run not yet finished is one task, which runs it as the in-process sweep does
 * ({@link SweepRunner#runOne}: {@code run.json}, training that resumes from the run's checkpoint, {@code result.json}
 * written atomically last) on a backend with as many threads as the task has cores. A run that fails is thrown back to
 * Spark while attempts remain, so Spark retries it and the retry resumes from the checkpoint; on the last attempt the
 * failure is recorded in {@code error.txt}, as in-process, and the other runs go on. The driver then writes the
 * summary from the run folders, so it equals the in-process sweep's. The sweep folder must be one path that the
 * driver and every executor see (a shared file system).
 */
final class SparkSweep {
    private SparkSweep() {
    }

    /** A run as it travels to its task. */
    record Run(String task, String methodName, String method, long seed, double learningRate, String paramsJson,
               String dir, String prefix) implements Serializable {

        static Run of(RunSpec spec, Path dir, String prefix) {
            return new Run(spec.task().key(), spec.methodName(), spec.method(), spec.seed(), spec.learningRate(),
                    Json.write(spec.params()), dir.toAbsolutePath().toString(), prefix);
        }

        RunSpec spec() {
            return new RunSpec(GlueTask.byName(task), methodName, method, seed, learningRate, Json.parseObject(paramsJson));
        }
    }

    /** A task's answer: the run's folder name and its failure ({@code null}: finished). */
    record Done(String folder, String failure) implements Serializable {
    }

    static RunOutcome run(JavaSparkContext sc, String backendName, int maxFailures, SweepTasks tasks, SweepConfig config,
                          Path sweepDir, PrintStream log) throws IOException {
        List<String> executed = new ArrayList<>(), skipped = new ArrayList<>(), failed = new ArrayList<>();
        List<RunSpec> pending = SweepRunner.pending(config, sweepDir, skipped);
        List<Run> runs = new ArrayList<>();
        for (RunSpec spec : pending) runs.add(Run.of(spec, sweepDir.resolve(spec.folderName()), SweepRunner.prefix(config.runs(), spec)));
        if (!runs.isEmpty()) {
            log.println("sweep " + config.name() + ": " + runs.size() + " run(s) as Spark tasks on " + sc.master()
                    + (skipped.isEmpty() ? "" : ", " + skipped.size() + " already done"));
            for (Done d : sc.parallelize(runs, runs.size()).map(r -> execute(r, backendName, maxFailures, tasks)).collect()) {
                if (d.failure() == null) executed.add(d.folder());
                else failed.add(d.folder() + ": " + d.failure());
            }
        }
        return new SweepRunner((spec, dir) -> {
            throw new IllegalStateException("the driver runs no run");
        }, log).finish(config, sweepDir, executed, skipped, failed);
    }

    /** On an executor: one run, thrown back to Spark on failure while attempts remain. */
    static Done execute(Run run, String backendName, int maxFailures, SweepTasks tasks) {
        RunSpec spec = run.spec();
        SweepRunner runner = new SweepRunner(tasks.executor(Backends.byName(backendName, ExecutorModels.taskThreads())), System.err);
        Exception failure;
        try {
            failure = runner.runOne(spec, Path.of(run.dir()), run.prefix());
        } catch (IOException e) {
            throw new UncheckedIOException(run.prefix() + ": " + e.getMessage(), e);
        }
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 0 : task.attemptNumber();
        if (failure != null && attempt + 1 < maxFailures) {
            throw new IllegalStateException(run.prefix() + " failed on attempt " + (attempt + 1) + " of " + maxFailures
                    + "; Spark retries it from its checkpoint", failure);
        }
        return new Done(spec.folderName(), failure == null ? null : failure.toString());
    }
}
