package hifi.glue.cli;

import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.MalformedRowPolicy;
import hifi.glue.tasks.ReadOptions;
import hifi.glue.tasks.TaskData;
import hifi.glue.tasks.TaskSplit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The flags every data-reading command shares, declared and read in one place: {@code --task}, {@code --data},
 * {@code --malformed fail|skip} and {@code --split-seed} (the sentiment task's 80/20 split).
 */
public final class TaskFlags {
    private TaskFlags() {
    }

    /** The task keys, for {@code --task}. */
    public static List<String> taskKeys() {
        return Arrays.stream(GlueTask.values()).map(GlueTask::key).toList();
    }

    /** Adds {@code --task} (required), {@code --data}, {@code --malformed} and {@code --split-seed}. */
    public static Flags add(Flags flags) {
        return flags
                .choice("task", taskKeys(), Flags.REQUIRED, "the task")
                .path("data", "DIR", null, "the glue_data folder (holding RTE/, SST-2/, …); for sentiment a folder "
                        + "with amazon.json, imdb.json, yelp.json (default: the bundled copy)")
                .choice("malformed", List.of("fail", "skip"), "fail", "malformed data rows: stop at the first, or "
                        + "skip and count them")
                .longInteger("split-seed", "S", Long.toString(ReadOptions.DEFAULT_SENTIMENT_SEED),
                        "seed of the sentiment task's 80/20 train/dev split");
    }

    public static GlueTask task(FlagValues v) {
        return GlueTask.byName(v.string("task"));
    }

    public static ReadOptions readOptions(FlagValues v, PrintStream warnings) {
        MalformedRowPolicy policy = MalformedRowPolicy.valueOf(v.string("malformed").toUpperCase(Locale.ROOT));
        return new ReadOptions(policy, warnings, v.longInteger("split-seed"));
    }

    /** The data folder; a {@link UsageException} if a GLUE task was given without one. */
    public static Path dataRoot(FlagValues v) {
        GlueTask task = task(v);
        if (!v.has("data") && task.isGlue()) {
            throw new UsageException("task " + task.key() + " needs --data DIR (the glue_data folder holding "
                    + task.dirName() + "/)");
        }
        return v.has("data") ? v.path("data") : null;
    }

    /** Reads one split of the task named by the flags. */
    public static TaskSplit load(FlagValues v, String split, PrintStream warnings) throws IOException {
        return TaskData.load(task(v), dataRoot(v), split, readOptions(v, warnings));
    }
}
