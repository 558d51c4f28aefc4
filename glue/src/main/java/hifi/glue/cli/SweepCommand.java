package hifi.glue.cli;

import hifi.engine.io.AtomicFiles;
import hifi.glue.cluster.Cluster;
import hifi.glue.run.RunExecutor;
import hifi.glue.run.RunOutcome;
import hifi.glue.run.SweepConfig;
import hifi.glue.run.SweepRunner;
import hifi.glue.run.SweepSummary;
import hifi.glue.train.GlueRunExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * {@code sweep}: runs (or resumes) the grid of a sweep config in an output folder and writes its summary table.
 * What one run does is the {@link RunExecutor} made for the invocation (by default a {@link GlueRunExecutor}); with
 * {@code --master} each run is one task of the cluster.
 */
@Command(name = "sweep", description = "Run a grid of tasks × methods × seeds × learning rates; finished runs are skipped.")
public final class SweepCommand extends AppCommand {
    @Option(names = "--config", paramLabel = "FILE", required = true, description = "the sweep config (JSON)")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the sweep folder: one sub-folder per run, plus summary.md")
    Path out;

    @Option(names = "--seeds", paramLabel = "LIST", split = ",",
            description = "run only these seeds, e.g. --seeds 1 for a first pass over everything (default: the config's)")
    List<Long> seeds;

    @Option(names = "--summary-only", description = "only rewrite summary.md from the finished runs")
    boolean summaryOnly;

    @Mixin
    ClusterOptions cluster;

    private final Function<Invocation, RunExecutor> executors;

    /** Runs every run with a {@link GlueRunExecutor}: fine-tuning on the invocation's backend, progress bars on stderr. */
    public SweepCommand() {
        this(run -> new GlueRunExecutor(run.err(), ProgressBar::create, run.backend()));
    }

    /** Runs every run with the executor {@code executors} makes for the invocation. */
    public SweepCommand(Function<Invocation, RunExecutor> executors) {
        this.executors = executors;
    }

    @Override
    protected int execute(Invocation run) throws Exception {
        SweepConfig sweep = SweepConfig.read(config);
        if (summaryOnly) {
            String md = SweepSummary.markdown(sweep, out);
            AtomicFiles.writeString(out.resolve("summary.md"), md);
            run.out().print(md);
            return Exit.OK;
        }
        if (seeds != null) {
            try {
                sweep = sweep.onlySeeds(seeds);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        RunOutcome outcome;
        if (cluster.distributed()) {
            try (Cluster c = cluster.connect(run)) {
                outcome = c.sweep(sweep, out, run.err());
            }
        } else {
            outcome = new SweepRunner(executors.apply(run), run.err()).run(sweep, out);
        }
        run.out().println("summary: " + outcome.summary());
        return outcome.failed().isEmpty() ? Exit.OK : Exit.FAILURE;
    }
}
