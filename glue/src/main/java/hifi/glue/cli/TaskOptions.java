package hifi.glue.cli;

import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.MalformedRowPolicy;
import hifi.glue.tasks.ReadOptions;
import hifi.glue.tasks.TaskData;
import hifi.glue.tasks.TaskSplit;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The options every data-reading command shares ({@code @Mixin}): {@code --task}, {@code --data},
 * {@code --malformed fail|skip} and {@code --split-seed} (the sentiment task's 80/20 split).
 */
public final class TaskOptions {
    @Option(names = "--task", required = true, order = 1, paramLabel = "cola|sst2|mrpc|stsb|qqp|mnli|qnli|rte|wnli|sentiment",
            completionCandidates = TaskKeys.class, description = "the task")
    GlueTask task;

    @Option(names = "--data", paramLabel = "DIR", order = 2, description = "the glue_data folder (holding RTE/, SST-2/, …); for "
            + "sentiment a folder with amazon.json, imdb.json, yelp.json (default: the bundled copy)")
    Path data;

    @Option(names = "--malformed", paramLabel = "fail|skip", defaultValue = "fail", order = 3,
            description = "malformed data rows: stop at the first, or skip and count them (default: ${DEFAULT-VALUE})")
    MalformedRowPolicy malformed;

    @Option(names = "--split-seed", paramLabel = "S", defaultValue = "" + ReadOptions.DEFAULT_SENTIMENT_SEED, order = 4,
            description = "seed of the sentiment task's 80/20 train/dev split (default: ${DEFAULT-VALUE})")
    long splitSeed;

    /** The task keys, for shell completion. */
    static final class TaskKeys extends java.util.ArrayList<String> {
        TaskKeys() {
            super(Converters.taskKeys());
        }
    }

    public GlueTask task() {
        return task;
    }

    public ReadOptions readOptions(PrintStream warnings) {
        return new ReadOptions(malformed, warnings, splitSeed);
    }

    /** The data folder; a {@link UsageException} if a GLUE task was given without one. */
    public Path dataRoot() {
        if (data == null && task.isGlue()) {
            throw new UsageException("task " + task.key() + " needs --data DIR (the glue_data folder holding " + task.dirName() + "/)");
        }
        return data;
    }

    /** Reads one split of the task. */
    public TaskSplit load(String split, PrintStream warnings) throws IOException {
        return TaskData.load(task, dataRoot(), split, readOptions(warnings));
    }

    /** The policy, as given. */
    MalformedRowPolicy malformed() {
        return malformed;
    }
}
