package hifi.glue.cli;

import hifi.glue.report.StabilityReport;
import hifi.glue.tasks.GlueTask;
import hifi.method.select.SelectionConfig;
import hifi.method.stability.StabilityRun;
import hifi.method.stability.StabilityStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code stability}: {@code select}'s head selection repeated for several calibration seeds and sample sizes on each
 * task ({@link StabilityRun}), reported by {@link StabilityReport} as {@code stability.md} and {@code stability.json};
 * each selection's {@code heads.json} is kept under {@code <out>/selections/}, and a repeated call reuses them.
 */
@Command(name = "stability",
        description = "Repeat head selection over calibration seeds and sample sizes: Kendall tau and top-1 agreement per task, head overlap between tasks.")
public final class StabilityCommand extends AppCommand {
    @Option(names = "--model", paramLabel = "DIR", required = true, order = 1, description = "the pre-trained model directory (from convert)")
    Path model;

    @Option(names = "--tasks", paramLabel = "T", splitSynopsisLabel = ",", required = true, split = ",", order = 2,
            completionCandidates = TaskOptions.TaskKeys.class, converter = SelectCommand.TaskName.class, description = "the tasks, comma-separated")
    List<GlueTask> tasks;

    @Option(names = "--data", paramLabel = "DIR", order = 3,
            description = "the glue_data folder (a task with a bundled copy, like sentiment, may omit it)")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", required = true, order = 4,
            description = "where stability.md, stability.json and the selections' heads.json files go")
    Path out;

    @Option(names = "--samples", paramLabel = "N", splitSynopsisLabel = ",", split = ",", defaultValue = "64,256,1024", order = 5,
            description = "calibration sample sizes (default: ${DEFAULT-VALUE})")
    List<Integer> samples;

    @Option(names = "--seeds", paramLabel = "S", splitSynopsisLabel = ",", split = ",", defaultValue = "1,2,3", order = 5,
            description = "calibration sampling seeds, at least two (default: ${DEFAULT-VALUE})")
    List<Long> seeds;

    @Mixin
    SelectionOptions selection;

    @Override
    protected int execute(Invocation run) throws Exception {
        StabilityStudy.Plan plan;
        try {
            plan = new StabilityStudy.Plan(samples, seeds, selection.applyTo(SelectionConfig.defaults()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<String> keys = tasks.stream().map(GlueTask::key).toList();
        var results = new StabilityRun(SelectCommand::training, SelectCommand::open, run.err()::println)
                .run(model, keys, data, out, plan, run.backend());
        List<Path> written = StabilityReport.write(results, out);
        run.out().print(StabilityReport.markdown(results));
        run.out().println("wrote " + written.get(0) + " and " + written.get(1));
        return Exit.OK;
    }
}
