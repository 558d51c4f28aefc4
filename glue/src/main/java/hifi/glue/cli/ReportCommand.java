package hifi.glue.cli;

import hifi.glue.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code report}: run folders (one, or sweep folders holding many) into a markdown report with PNG plots; with
 * {@code --baseline}, the paired differences of every method to the baseline per task with bootstrap intervals.
 */
@Command(name = "report", description = "Write a markdown report with loss and dev-metric plots from run folders; "
        + "with --baseline, each method's paired difference to it per task with a bootstrap interval.")
public final class ReportCommand extends AppCommand {
    @Option(names = "--runs", paramLabel = "DIR", required = true,
            description = "a run folder, or a folder of run folders (a sweep); repeat it to report runs from several folders")
    List<Path> runs;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "where report.md and the PNG plots go")
    Path out;

    @Option(names = "--baseline", paramLabel = "METHOD",
            description = "a method name (e.g. random-heads): every other method's dev score minus its, per task and seed, "
                    + "with a 95 % bootstrap interval (table and differences.png)")
    String baseline;

    @Option(names = "--methods", paramLabel = "M,M", split = ",",
            description = "report only the runs of these methods (and of --baseline), e.g. to keep a plot to an ablation's rows")
    List<String> methods;

    @Option(names = "--tasks", paramLabel = "T,T", split = ",",
            description = "report only the runs of these tasks, e.g. rte,mrpc to leave out tasks other sweeps in --runs also ran")
    List<String> tasks;

    @Option(names = "--no-curves", description = "leave out the per-run sections with their loss and dev-metric plots")
    boolean noCurves;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "800", description = "plot width in pixels (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", paramLabel = "PX", defaultValue = "480", description = "plot height in pixels (default: ${DEFAULT-VALUE})")
    int height;

    @Override
    protected boolean computes() {
        return false;
    }

    @Override
    protected int execute(Invocation run) throws Exception {
        if (width < 200 || height < 150 || width > 8000 || height > 8000) {
            throw new UsageException("--width must be 200..8000 and --height 150..8000, got " + width + "×" + height);
        }
        for (Path dir : runs) if (!Files.isDirectory(dir)) throw new UsageException("--runs " + dir + " is not a folder");
        if (baseline != null && baseline.isBlank()) throw new UsageException("--baseline needs a method name");
        if (methods != null && methods.stream().anyMatch(String::isBlank)) throw new UsageException("--methods needs method names");
        if (tasks != null && tasks.stream().anyMatch(String::isBlank)) throw new UsageException("--tasks needs task names");
        List<Path> found = ReportWriter.findRuns(runs);
        if (tasks != null) found = ReportWriter.onlyTasks(found, Set.copyOf(tasks));
        if (methods != null) found = ReportWriter.onlyMethods(found, Set.copyOf(methods), baseline);
        Path report = new ReportWriter(width, height, baseline, !noCurves).write(found, out);
        run.out().println("wrote " + report + " (" + found.size() + " run" + (found.size() == 1 ? "" : "s") + ")");
        return Exit.OK;
    }
}
