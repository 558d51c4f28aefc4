package hifi.glue.cli;

import hifi.engine.train.Checkpoint;
import hifi.engine.train.ResumePoint;
import hifi.glue.cluster.Cluster;
import hifi.glue.progress.ClockTime;
import hifi.glue.run.ResultFiles;
import hifi.glue.run.RunSpec;
import hifi.glue.run.RunWallTime;
import hifi.glue.train.FineTuning;
import hifi.glue.train.Hyperparameter;
import hifi.glue.train.Hyperparameters;
import hifi.glue.train.TrainSettings;
import hifi.method.methods.Method;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code train}: fine-tune a converted model on a task with one method, into a run folder ({@code metrics.jsonl},
 * {@code heads.json}, {@code checkpoints/}, {@code adapter/}, {@code result.json}); {@code --resume} continues an
 * interrupted run from its newest checkpoint that passes its checksum check (or the previous one, saying so); its
 * {@code wall_seconds} counts every invocation that trained it. The model, the data, a given {@code heads.json}, the
 * flags and the checkpoint to resume from are all checked before {@code --out} is created or touched, so a run that
 * cannot start leaves nothing behind.
 */
@Command(name = "train", description = "Fine-tune a model on a task (HiFi or a baseline) and save the adapter and metrics to a run folder.")
public final class TrainCommand extends AppCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    TaskOptions data;

    @Option(names = "--model", paramLabel = "DIR", required = true, order = 10, description = "the base model directory (from convert)")
    Path model;

    @Option(names = "--out", paramLabel = "DIR", required = true, order = 11, description = "the run folder")
    Path out;

    @Option(names = "--method", paramLabel = "hifi|full|bitfit|random-heads|info-only|corr-only|linear-probe|lora", defaultValue = "hifi",
            order = 12, completionCandidates = MethodNames.class, description = "what trains (default: ${DEFAULT-VALUE})")
    Method method;

    @Option(names = "--heads", paramLabel = "FILE", order = 13,
            description = "heads.json from select (default: select here on --samples training examples)")
    Path heads;

    @Option(names = "--resume", order = 90, description = "continue the run in --out from its last checkpoint")
    boolean resume;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--partitions", paramLabel = "P", order = 96, description = "with --master: compute each batch as P "
            + "micro-batches on P tasks, the same training as --micro-batches P (default: --micro-batches when above 1, "
            + "else the cluster's parallelism)")
    Integer partitions;

    /** The method flags, for shell completion. */
    static final class MethodNames extends java.util.ArrayList<String> {
        MethodNames() {
            super(Converters.methodNames());
        }
    }

    @Override
    protected void addOptions(CommandSpec spec) {
        HyperparameterOptions.add(spec, List.of(Hyperparameter.values()), Map.of(), Map.of());
    }

    /** The settings named by the options. */
    TrainSettings settings(PrintStream err) {
        return settings(err, HyperparameterOptions.read(spec, List.of(Hyperparameter.values())));
    }

    private TrainSettings settings(PrintStream err, Hyperparameters values) {
        return new TrainSettings(model, data.task(), data.dataRoot(), data.readOptions(err), method, heads, values, resume);
    }

    /**
     * The micro-batches a run on {@code c} computes: {@code --partitions}, else {@code --micro-batches} when above 1,
     * else the cluster's parallelism; the two flags must agree when both are given.
     */
    private int partitions(TrainSettings s, Cluster c) {
        int micro = s.microBatches();
        if (partitions != null && micro != 1 && micro != partitions) {
            throw new UsageException("--partitions " + partitions + " and --micro-batches " + micro + " differ: give one of them");
        }
        return partitions != null ? partitions : micro > 1 ? micro : c.defaultParallelism();
    }

    @Override
    protected int execute(Invocation run) throws Exception {
        PrintStream out = run.out();
        TrainSettings s = settings(run.err());
        Path runDir = this.out;
        if (ResultFiles.isDone(runDir)) {
            throw new IllegalArgumentException(runDir + (s.resume() ? " holds a finished run; nothing to resume"
                    : " holds a finished run (result.json): choose another --out"));
        }
        Path checkpoints = runDir.resolve(FineTuning.CHECKPOINTS);
        if (Files.isDirectory(checkpoints) && !s.resume()) {
            throw new IllegalArgumentException(runDir + " holds checkpoints of an earlier run: pass --resume to continue it, or choose another --out");
        }
        ResumePoint from = s.resume() ? ResumePoint.choose(checkpoints) : null;
        if (s.resume() && from == null) {
            throw new IllegalArgumentException("--resume: " + runDir + " has no checkpoint to continue from ("
                    + Checkpoint.file(checkpoints) + ")");
        }
        cluster.checkPartitions(partitions);
        try (Cluster c = cluster.distributed() ? cluster.connect(run) : null) {
            if (c != null) s = settings(run.err(), s.hyperparameterValues().with(Hyperparameter.MICRO_BATCHES, partitions(s, c)));
            train(run, s, runDir, from, new FineTuning(out, ProgressBar::create, run.backend(), c == null ? null : c.training()));
        }
        return Exit.OK;
    }

    /** Prepares and trains the run, recording its spec, result and wall time in {@code runDir}. */
    private static void train(Invocation run, TrainSettings s, Path runDir, ResumePoint from, FineTuning fineTuning) throws Exception {
        PrintStream out = run.out();
        FineTuning.Prepared prepared = fineTuning.prepare(s);
        RunSpec spec = new RunSpec(s.task(), s.method(), s.method(), s.seed(), s.learningRate(), s.hyperparameters());
        ResultFiles.writeSpec(runDir, spec);
        FineTuning.Outcome o;
        double seconds;
        try (RunWallTime wall = RunWallTime.start(runDir, System::nanoTime)) {
            o = fineTuning.run(prepared, runDir, from);
            seconds = wall.seconds();
            ResultFiles.writeResult(runDir, spec, o.result(), seconds);
            wall.finished();
        }
        for (var scores : o.dev()) out.println(EvalCommand.format(scores));
        out.printf(Locale.ROOT, "%s%ntrained in %s; adapter in %s%n", o.counts().peftLine(), ClockTime.format(seconds),
                runDir.resolve(FineTuning.ADAPTER));
    }
}
