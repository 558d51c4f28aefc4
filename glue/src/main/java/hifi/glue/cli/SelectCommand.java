package hifi.glue.cli;

import hifi.engine.backend.Backend;
import hifi.glue.model.TaskModel;
import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.ReadOptions;
import hifi.glue.tasks.TaskData;
import hifi.glue.tasks.TaskSplit;
import hifi.glue.train.HeadChoice;
import hifi.method.select.BertHeadOutputModel;
import hifi.method.select.HeadOutputModel;
import hifi.method.select.SelectionConfig;
import hifi.method.select.SelectionRun;
import hifi.method.select.TextExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code select}: the hifi module's head selection ({@link SelectionRun}) on a task's training split, read with the
 * GLUE readers, on a model directory checked by {@link TaskModel}, with the settings of {@link SelectionOptions}.
 * Options left out keep {@link SelectionConfig#defaults()}.
 */
@Command(name = "select", description = "Rank attention heads on a task's training data (HiFi PageRank) and write heads.json and heads.png.")
public final class SelectCommand extends AppCommand {
    @Option(names = "--model", paramLabel = "DIR", required = true, order = 1, description = "the pre-trained model directory (from convert)")
    Path model;

    @Option(names = "--task", paramLabel = "TASK", required = true, order = 2, completionCandidates = TaskOptions.TaskKeys.class,
            converter = TaskName.class, description = "the task")
    GlueTask task;

    @Option(names = "--data", paramLabel = "DIR", order = 3,
            description = "the task's data folder (a task with a bundled copy, like sentiment, may omit it)")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", required = true, order = 4, description = "where heads.json and heads.png go")
    Path out;

    @Option(names = "--samples", paramLabel = "N", order = 5, description = "calibration examples from the training split (default 256)")
    Integer samples;

    @Option(names = "--seed", paramLabel = "S", order = 14, description = "calibration sampling seed (default 42)")
    Long seed;

    @Mixin
    SelectionOptions selection;

    /** A task by key or folder name, any case ({@code rte}, {@code RTE}, {@code SST-2}). */
    static final class TaskName implements ITypeConverter<GlueTask> {
        @Override
        public GlueTask convert(String value) {
            return Converters.parsed(value, GlueTask::byName);
        }
    }

    /** The selection settings named by the options, over the defaults; a {@link UsageException} for values out of range. */
    SelectionConfig config() {
        SelectionConfig c = SelectionConfig.defaults();
        try {
            if (samples != null) c = c.withSamples(SelectionOptions.positive(samples, "--samples"));
            if (seed != null) c = c.withSeed(seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return selection.applyTo(c);
    }

    @Override
    protected int execute(Invocation run) throws IOException {
        SelectionConfig config = config();
        new SelectionRun(SelectCommand::training, SelectCommand::open, run.out(), run.err()).run(model, task.key(), data, out, config, run.backend());
        return Exit.OK;
    }

    /** A model directory checked by {@link TaskModel}, opened for head selection. */
    static HeadOutputModel open(Path dir, Backend backend) throws IOException {
        TaskModel.openDirectory(dir);
        return BertHeadOutputModel.open(dir, backend);
    }

    /** The training split of {@code task} as selection inputs (ids kept); {@code dataDir} may be null for sentiment. */
    static List<TextExample> training(String task, Path dataDir) throws IOException {
        GlueTask t = GlueTask.byName(task);
        if (dataDir == null && t != GlueTask.SENTIMENT) {
            throw new IllegalArgumentException("--data DIR is needed for task " + task + " (only sentiment has a bundled copy)");
        }
        TaskSplit train = TaskData.load(t, dataDir, "train", ReadOptions.strict());
        return HeadChoice.texts(train.examples());
    }
}
