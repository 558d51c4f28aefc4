package hifi.glue.cli;

import hifi.engine.io.AtomicFiles;
import hifi.glue.run.RunExecutor;
import hifi.glue.run.RunOutcome;
import hifi.glue.run.SweepConfig;
import hifi.glue.run.SweepRunner;
import hifi.glue.run.SweepSummary;

import java.io.PrintStream;

/**
 * {@code sweep}: runs (or resumes) the grid of a sweep config in an output folder and writes its summary table.
 * What one run does is the {@link RunExecutor} given to the constructor.
 */
public final class SweepCommand extends FlagCommand {
    private final RunExecutor executor;

    public SweepCommand(RunExecutor executor) {
        this.executor = executor;
    }

    public SweepCommand(String program, RunExecutor executor) {
        super(program);
        this.executor = executor;
    }

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    protected Flags flags() {
        return new Flags(name(), "Run a grid of tasks × methods × seeds × learning rates; finished runs are skipped.")
                .path("config", "FILE", Flags.REQUIRED, "the sweep config (JSON)")
                .path("out", "DIR", Flags.REQUIRED, "the sweep folder: one sub-folder per run, plus summary.md")
                .bool("summary-only", "only rewrite summary.md from the finished runs");
    }

    @Override
    protected int execute(FlagValues flags, PrintStream out, PrintStream err) throws Exception {
        SweepConfig config = SweepConfig.read(flags.path("config"));
        if (flags.bool("summary-only")) {
            String md = SweepSummary.markdown(config, flags.path("out"));
            AtomicFiles.writeString(flags.path("out").resolve("summary.md"), md);
            out.print(md);
            return CommandLine.EXIT_OK;
        }
        RunOutcome outcome = new SweepRunner(executor, err).run(config, flags.path("out"));
        out.println("summary: " + outcome.summary());
        return outcome.failed().isEmpty() ? CommandLine.EXIT_OK : CommandLine.EXIT_FAILURE;
    }
}
