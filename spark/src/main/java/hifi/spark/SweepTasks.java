package hifi.spark;

import hifi.engine.backend.Backend;
import hifi.glue.progress.ProgressReporter;
import hifi.glue.run.RunExecutor;
import hifi.glue.train.GlueRunExecutor;

import java.io.Serializable;

/**
 * Makes the {@link RunExecutor} a sweep task runs its run with, on the executor, for the task's backend. The default
 * fine-tunes as the in-process sweep does; tests substitute one that fails on purpose.
 */
@FunctionalInterface
public interface SweepTasks extends Serializable {
    RunExecutor executor(Backend backend);

    /** Fine-tuning with {@link GlueRunExecutor}, progress lines on the executor's standard error. */
    SweepTasks FINE_TUNING = backend -> new GlueRunExecutor(System.err, ProgressReporter.SILENT, backend);
}
