package hifi.glue.cli;

import hifi.glue.model.TaskModel;
import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.ReadOptions;
import hifi.glue.tasks.TaskData;
import hifi.glue.tasks.TaskSplit;
import hifi.glue.train.HeadChoice;
import hifi.method.scoring.CorrelationMeasure;
import hifi.method.scoring.GraphScope;
import hifi.method.scoring.GraphVariant;
import hifi.method.scoring.RichnessMeasure;
import hifi.method.select.BertHeadOutputModel;
import hifi.method.select.SelectionConfig;
import hifi.method.select.SelectionRun;
import hifi.method.select.TextExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code select}: the hifi module's head selection ({@link SelectionRun}) on a task's training split, read with the
 * GLUE readers, on a model directory checked by {@link TaskModel}. Options left out keep
 * {@link SelectionConfig#defaults()}.
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

    @Option(names = "--k", paramLabel = "K", order = 6, description = "heads per layer (default 1); with --selection global, K·layers overall")
    Integer k;

    @Option(names = "--variant", paramLabel = "A|B|C", order = 7, description = "head graph variant (default B)")
    GraphVariant variant;

    @Option(names = "--scope", paramLabel = "layer|global", order = 8,
            description = "one PageRank graph per layer (default) or over all heads")
    GraphScope scope;

    @Option(names = "--richness", paramLabel = "M", order = 9,
            description = "nuclear (default), entropy_rank, thresh_rank[:eps], topk_energy[:t]")
    RichnessMeasure richness;

    @Option(names = "--correlation", paramLabel = "M", order = 10,
            description = "rv (default), abs_cosine, cov_fro")
    CorrelationMeasure correlation;

    @Option(names = "--method", paramLabel = "M", order = 11, converter = SelectionMethod.class,
            description = "hifi (default), info-only, corr-only")
    String method;

    @Option(names = "--selection", paramLabel = "S", order = 12, converter = Selection.class,
            description = "layer (default): top K per layer; global: top K·layers overall")
    Boolean globalSelection;

    @Option(names = "--order", paramLabel = "top|lowest", order = 12, converter = Order.class,
            description = "top (default): the best-ranked heads; lowest: the worst-ranked (a negative control)")
    Boolean lowest;

    @Option(names = "--normalise-info", order = 13, description = "divide information by its per-layer maximum (matters for --scope global)")
    boolean normaliseInfo;

    @Option(names = "--seed", paramLabel = "S", order = 14, description = "calibration sampling seed (default 42)")
    Long seed;

    @Option(names = "--batch-size", paramLabel = "B", order = 15, description = "examples per forward batch (default 32)")
    Integer batchSize;

    @Option(names = "--max-length", paramLabel = "L", order = 16, description = "tokens per example (default 128)")
    Integer maxLength;

    /** A task by key or folder name, any case ({@code rte}, {@code RTE}, {@code SST-2}). */
    static final class TaskName implements ITypeConverter<GlueTask> {
        @Override
        public GlueTask convert(String value) {
            return Converters.parsed(value, GlueTask::byName);
        }
    }

    static final class SelectionMethod implements ITypeConverter<String> {
        @Override
        public String convert(String value) throws Exception {
            return Converters.choice(List.of("hifi", "info-only", "corr-only"), m -> m).convert(value);
        }
    }

    static final class Selection implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) throws Exception {
            return Converters.choice(List.of("layer", "global"), s -> s.equals("global")).convert(value);
        }
    }

    static final class Order implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) throws Exception {
            return Converters.choice(List.of("top", "lowest"), s -> s.equals("lowest")).convert(value);
        }
    }

    /** The selection settings named by the options, over the defaults; a {@link UsageException} for values out of range. */
    SelectionConfig config() {
        SelectionConfig c = SelectionConfig.defaults();
        try {
            if (samples != null) c = c.withSamples(positive(samples, "--samples"));
            if (k != null) c = c.withK(positive(k, "--k"));
            if (variant != null) c = c.withVariant(variant);
            if (scope != null) c = c.withScope(scope);
            if (richness != null) c = c.withRichness(richness);
            if (correlation != null) c = c.withCorrelation(correlation);
            if (method != null) c = c.withMethod(method);
            if (globalSelection != null) c = c.withGlobalSelection(globalSelection);
            if (lowest != null) c = c.withLowest(lowest);
            if (normaliseInfo) c = c.withNormaliseInformation(true);
            if (seed != null) c = c.withSeed(seed);
            if (batchSize != null) c = c.withBatchSize(positive(batchSize, "--batch-size"));
            if (maxLength != null) c = c.withMaxLength(positive(maxLength, "--max-length"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return c;
    }

    private static int positive(int value, String flag) {
        if (value < 1) throw new UsageException(flag + " must be a positive integer, got \"" + value + "\"");
        return value;
    }

    @Override
    protected int execute(Invocation run) throws IOException {
        SelectionConfig config = config();
        new SelectionRun(SelectCommand::training, (dir, backend) -> {
            TaskModel.openDirectory(dir);
            return BertHeadOutputModel.open(dir, backend);
        }, run.out(), run.err()).run(model, task.key(), data, out, config, run.backend());
        return Exit.OK;
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
