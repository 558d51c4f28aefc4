package hifi.glue.train;

import hifi.engine.backend.Backend;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.data.TrainingExample;
import hifi.engine.param.Trainable;
import hifi.engine.train.MicroBatchExecutor;
import hifi.engine.train.ResumePoint;
import hifi.engine.train.TrainResult;
import hifi.engine.train.Trainer;
import hifi.engine.train.TrainerConfig;
import hifi.glue.io.LogRecords;
import hifi.glue.io.MetricsLog;
import hifi.glue.metrics.TaskScores;
import hifi.glue.model.EncodedSplit;
import hifi.glue.model.Predictor;
import hifi.glue.model.TaskEncoder;
import hifi.glue.model.TaskModel;
import hifi.glue.progress.Progress;
import hifi.glue.progress.ProgressReporter;
import hifi.glue.run.RunResult;
import hifi.glue.tasks.TaskData;
import hifi.glue.tasks.TaskSplit;
import hifi.method.adapter.Adapter;
import hifi.method.adapter.AdapterConfig;
import hifi.method.adapter.BaseModel;
import hifi.method.methods.HeadMasks;
import hifi.method.methods.MethodSpec;
import hifi.method.methods.ParameterCounts;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One fine-tuning run in a run folder: read and encode the task's data, choose what trains ({@link HeadChoice}), train
 * with the engine's {@link Trainer} (dev evaluation, early stopping, best weights kept, checkpoints in
 * {@code checkpoints/}, resumable), score the best weights on the dev split(s), and save the adapter.
 *
 * <p>The run folder afterwards holds {@code metrics.jsonl} (one record per update and per evaluation),
 * {@code heads.json}/{@code heads.png} when heads were selected here, {@code checkpoints/}, and {@code adapter/}
 * ({@code adapter_config.json} + {@code adapter_model.safetensors}). {@code result.json} is written by the caller.
 */
public final class FineTuning {
    public static final String METRICS = "metrics.jsonl";
    public static final String ADAPTER = "adapter";
    public static final String CHECKPOINTS = "checkpoints";

    private final PrintStream console;
    private final ProgressReporter progress;
    private final Backend backend;
    private final MicroBatchPlacement placement;

    /**
     * @param console  where progress lines go
     * @param progress shows the progress of head selection and training (the command line's progress bar)
     * @param backend  computes the run
     */
    public FineTuning(PrintStream console, ProgressReporter progress, Backend backend) {
        this(console, progress, backend, null);
    }

    /** As above, with the run's micro-batches computed where {@code placement} says ({@code null}: in this process). */
    public FineTuning(PrintStream console, ProgressReporter progress, Backend backend, MicroBatchPlacement placement) {
        this.console = console;
        this.progress = progress;
        this.backend = backend;
        this.placement = placement;
    }

    /** What a run produced. */
    public record Outcome(RunResult result, ParameterCounts counts, List<TaskScores> dev, TrainResult training) {
    }

    /**
     * A run's inputs, read and checked before anything is written: the model with its task head, the training and dev
     * splits, encoded, and a given {@code heads.json} checked against the model.
     */
    public record Prepared(TrainSettings settings, TaskModel model, TaskSplit train, TaskEncoder encoder,
                           List<TrainingExample> examples, List<EncodedSplit> dev) {
    }

    /** Reads and checks everything the run needs; a bad model, data file or heads file fails here, naming it. */
    public Prepared prepare(TrainSettings s) throws IOException {
        TaskModel model = TaskModel.forFineTuning(s.model(), s.task(), s.seed(), backend, s.loraConfig());
        TaskSplit train = TaskData.load(s.task(), s.data(), "train", s.readOptions());
        if (s.trainSubset() > 0 && s.trainSubset() < train.size()) train = train.sample(s.trainSubset(), s.seed());
        TaskEncoder encoder = model.encoder(s.maxLength());
        boolean regression = model.config().isRegression();
        List<TrainingExample> examples = TrainingExamples.of(EncodedSplit.of(train, encoder), regression);
        List<EncodedSplit> dev = new ArrayList<>();
        for (String split : s.task().devSplits()) dev.add(EncodedSplit.of(TaskData.load(s.task(), s.data(), split, s.readOptions()), encoder));
        HeadChoice.check(s, model.config());
        return new Prepared(s, model, train, encoder, examples, dev);
    }

    /**
     * Prepares and runs in {@code runDir} (created if missing), continuing from its newest checkpoint that passes its
     * checksum check (or the previous one, saying so) when {@code s} resumes and there is one.
     */
    public Outcome run(TrainSettings s, Path runDir) throws IOException {
        Prepared p = prepare(s);
        return run(p, runDir, s.resume() ? ResumePoint.choose(runDir.resolve(CHECKPOINTS)) : null);
    }

    /**
     * Trains what {@link #prepare} read, in {@code runDir} (created if missing), continuing from {@code from} (a
     * checkpoint {@link ResumePoint#choose} verified, so a damaged one fails before anything in the folder changes) or
     * afresh when it is {@code null}.
     */
    public Outcome run(Prepared p, Path runDir, ResumePoint from) throws IOException {
        Files.createDirectories(runDir);
        TrainSettings s = p.settings();
        TaskModel model = p.model();
        TaskSplit train = p.train();
        TaskEncoder encoder = p.encoder();
        List<TrainingExample> examples = p.examples();
        List<EncodedSplit> dev = p.dev();

        MethodSpec spec = HeadChoice.spec(s, model, train, runDir, console::println, progress);
        Trainable trainable = spec.trainable(model.config());
        ParameterCounts counts = ParameterCounts.of(model.model().parameters(), trainable, model.config().headSize());
        console.printf(Locale.ROOT, "%s on %s: %d training examples, %s dev examples; %s%n", spec.method().flag(), s.task().key(),
                examples.size(), dev.stream().map(d -> Integer.toString(d.size())).toList(), counts.peftLine());

        Path checkpoints = runDir.resolve(CHECKPOINTS);
        long resumedStep = 0;
        if (from != null) {
            resumedStep = from.step();
            console.println(from.describe());
            MetricsLog.truncateAfter(runDir.resolve(METRICS), resumedStep);
        }
        TrainerConfig config = trainerConfig(s, checkpoints, from);
        MicroBatchExecutor executor = placement == null ? null : placement.executor(model.model());
        Trainer<BertForSequenceClassification> trainer = new Trainer<>(model.model(), trainable, config, executor);
        Predictor predictor = new Predictor(Math.max(s.batchSize(), 32), encoder.padId());
        DevEvaluator evaluator = new DevEvaluator(dev.getFirst(), predictor);
        int updatesPerEpoch = trainer.updatesPerEpoch(examples.size());

        TrainResult trained;
        RunLog runLog;
        List<TaskScores> finalScores = new ArrayList<>();
        try (MetricsLog log = MetricsLog.append(runDir.resolve(METRICS))) {
            try (Progress bar = progress.start("train " + s.task().key() + " " + spec.method().flag(),
                    (long) updatesPerEpoch * s.epochs(), "steps")) {
                bar.resumeAt(resumedStep);
                runLog = new RunLog(log, bar, evaluator, updatesPerEpoch, console);
                trained = trainer.train(examples, evaluator, runLog);
            } finally {
                if (executor instanceof AutoCloseable c) close(c);
            }
            for (EncodedSplit d : dev) {
                TaskScores scores = scoreBest(d, evaluator, trained, predictor, model);
                finalScores.add(scores);
                Map<String, Object> record = LogRecords.eval(trained.steps(), (double) trained.steps() / updatesPerEpoch, scores, Double.NaN);
                record.put("final", true);
                log.log(record);
            }
        }
        Adapter.save(runDir.resolve(ADAPTER), adapterConfig(s, spec, model, HeadChoice.variant(s, spec.method(), runDir)),
                model.model(), trainable);
        return new Outcome(result(finalScores, counts, trained, spec, runLog.meanStepSeconds()), counts, finalScores, trained);
    }

    private static void close(AutoCloseable c) throws IOException {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("closing the micro-batch executor: " + e.getMessage(), e);
        }
    }

    /** The trainer's settings: the run's hyperparameters, dev evaluation at least per epoch, best weights kept. */
    private static TrainerConfig trainerConfig(TrainSettings s, Path checkpoints, ResumePoint from) {
        return TrainerConfig.builder().epochs(s.epochs()).batchSize(s.batchSize()).microBatches(s.microBatches())
                .learningRate((float) s.learningRate()).weightDecay((float) s.weightDecay()).warmupRatio(s.warmupRatio())
                .seed(s.seed()).lengthGrouped(s.lengthGrouped()).evalEverySteps(s.evalEverySteps()).evalEachEpoch(true)
                .patience(s.patience()).restoreBest(true).checkpointDir(checkpoints)
                .checkpointEverySteps(s.checkpointEverySteps()).resumeFrom(from == null ? null : from.file()).build();
    }

    /**
     * The scores of the restored best weights on {@code dev}: on the split the trainer evaluated they were measured
     * during training (in this process, unless the best step came before a resume), so they are not computed again.
     */
    private static TaskScores scoreBest(EncodedSplit dev, DevEvaluator evaluator, TrainResult trained, Predictor predictor,
                                        TaskModel model) {
        TaskScores known = dev == evaluator.split() ? evaluator.atStep(trained.bestStep()) : null;
        return known != null ? known : dev.score(predictor.predict(model.model(), dev.encodings(), Progress.NONE));
    }

    private static AdapterConfig adapterConfig(TrainSettings s, MethodSpec spec, TaskModel model, String variant) throws IOException {
        boolean[][] mask = spec.headMask();
        return new AdapterConfig(spec.method().flag(), BaseModel.identity(model.directory()),
                mask == null ? List.of() : HeadMasks.heads(mask), mask == null ? -1 : HeadMasks.perLayer(mask),
                variant, spec.pooler(), spec.trainOutput(), model.config().labels(),
                TaskModel.problemType(s.task()), s.seed(), s.hyperparameters(), spec.lora());
    }

    /**
     * The run's result: the mean score over the dev split(s), every metric, parameter counts and training facts,
     * among them the mean wall time of an update in this process ({@code mean_step_seconds}, null if unmeasured).
     */
    static RunResult result(List<TaskScores> dev, ParameterCounts counts, TrainResult trained, MethodSpec spec, double stepSeconds) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        double score = 0;
        for (TaskScores t : dev) {
            score += t.score() / dev.size();
            for (var e : t.metrics().entrySet()) metrics.put(dev.size() == 1 ? e.getKey() : t.split() + "/" + e.getKey(), e.getValue());
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("steps", trained.steps());
        extra.put("best_step", trained.bestStep());
        extra.put("best_dev_metric_during_training", Double.isNaN(trained.bestMetric()) ? null : trained.bestMetric());
        extra.put("stopped_early", trained.stoppedEarly());
        extra.put("final_loss", trained.losses().isEmpty() ? null : (double) trained.losses().getLast());
        extra.put("mean_step_seconds", Double.isNaN(stepSeconds) ? null : stepSeconds);
        extra.put("peft", counts.peftLine());
        extra.put("encoder_trainable_percent", counts.encoderPercent());
        boolean[][] mask = spec.headMask();
        if (mask != null) extra.put("heads", HeadMasks.heads(mask).stream().map(h -> List.of(h.layer(), h.head())).toList());
        return new RunResult(score, metrics, counts.trainable(), counts.all(), extra);
    }
}
