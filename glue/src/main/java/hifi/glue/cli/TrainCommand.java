package hifi.glue.cli;

import hifi.glue.progress.ClockTime;
import hifi.engine.train.Checkpoint;
import hifi.glue.run.ResultFiles;
import hifi.glue.run.RunSpec;
import hifi.glue.train.FineTuning;
import hifi.glue.train.TrainSettings;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code train}: fine-tune a converted model on a task with one method, into a run folder ({@code metrics.jsonl},
 * {@code heads.json}, {@code checkpoints/}, {@code adapter/}, {@code result.json}); {@code --resume} continues an
 * interrupted run from its last checkpoint.
 */
public final class TrainCommand extends FlagCommand {
    static final List<String> METHODS = List.of("hifi", "full", "bitfit", "random-heads", "info-only", "corr-only", "linear-probe");

    @Override
    public String name() {
        return "train";
    }

    @Override
    protected Flags flags() {
        return TaskFlags.add(new Flags(name(), "Fine-tune a model on a task (HiFi or a baseline) and save the adapter and metrics to a run folder."))
                .path("model", "DIR", Flags.REQUIRED, "the base model directory (from convert)")
                .path("out", "DIR", Flags.REQUIRED, "the run folder")
                .choice("method", METHODS, "hifi", "what trains")
                .integer("k", "K", "1", "heads per layer (hifi, info-only, corr-only, random-heads)")
                .path("heads", "FILE", null, "heads.json from select (default: select here on --samples training examples)")
                .integer("samples", "N", "256", "calibration examples for the inline head selection")
                .decimal("lr", "RATE", "5e-4", "peak learning rate (full fine-tuning wants ~2e-5)")
                .integer("epochs", "N", "3", "epochs")
                .integer("batch-size", "N", "32", "examples per batch")
                .integer("max-length", "N", "128", "tokens per example, [CLS]/[SEP] included")
                .longInteger("seed", "S", "1", "seed of the task head, the data order, dropout and random heads")
                .integer("eval-every", "N", "0", "evaluate on dev every N updates (0: at epoch ends)")
                .integer("patience", "N", "0", "stop after N evaluations without improvement (0: never)")
                .decimal("warmup", "RATIO", "0.06", "warm-up share of the updates")
                .decimal("weight-decay", "W", "0.01", "AdamW weight decay (not on biases and LayerNorm)")
                .integer("train-subset", "N", "0", "train on a fixed-seed subset of N examples (0: all)")
                .integer("checkpoint-every", "N", "0", "also checkpoint every N updates (0: at epoch ends)")
                .bool("no-length-grouping", "batch in random order instead of grouping similar lengths")
                .bool("resume", "continue the run in --out from its last checkpoint");
    }

    /** The settings named by the flags. */
    static TrainSettings settings(FlagValues f, PrintStream err) {
        try {
            return new TrainSettings(f.path("model"), TaskFlags.task(f), TaskFlags.dataRoot(f), TaskFlags.readOptions(f, err),
                    f.string("method"), f.integer("k"), f.has("heads") ? f.path("heads") : null, f.integer("samples"),
                    f.decimal("lr"), f.integer("epochs"), f.integer("batch-size"), f.integer("max-length"), f.longInteger("seed"),
                    f.integer("eval-every"), f.integer("patience"), !f.bool("no-length-grouping"), f.decimal("warmup"),
                    f.decimal("weight-decay"), f.integer("train-subset"), f.integer("checkpoint-every"), f.bool("resume"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    protected int execute(FlagValues flags, PrintStream out, PrintStream err) throws Exception {
        TrainSettings s = settings(flags, err);
        Path runDir = flags.path("out");
        if (ResultFiles.isDone(runDir) && !s.resume()) {
            throw new IllegalArgumentException(runDir + " holds a finished run (result.json): choose another --out");
        }
        if (Files.isDirectory(runDir.resolve(FineTuning.CHECKPOINTS)) && !s.resume()) {
            throw new IllegalArgumentException(runDir + " holds checkpoints of an earlier run: pass --resume to continue it, or choose another --out");
        }
        if (s.resume() && !Files.isRegularFile(Checkpoint.file(runDir.resolve(FineTuning.CHECKPOINTS)))) {
            throw new IllegalArgumentException("--resume: " + runDir + " has no checkpoint to continue from ("
                    + Checkpoint.file(runDir.resolve(FineTuning.CHECKPOINTS)) + ")");
        }
        RunSpec spec = new RunSpec(s.task(), s.method(), s.method(), s.seed(), s.learningRate(), s.hyperparameters());
        ResultFiles.writeSpec(runDir, spec);
        long start = System.nanoTime();
        FineTuning.Outcome o = new FineTuning(out, ProgressBar::create).run(s, runDir);
        double seconds = (System.nanoTime() - start) / 1e9;
        ResultFiles.writeResult(runDir, spec, o.result(), seconds);
        for (var scores : o.dev()) out.println(EvalCommand.format(scores));
        out.printf(Locale.ROOT, "%s%ntrained in %s; adapter in %s%n", o.counts().peftLine(), ClockTime.format(seconds),
                runDir.resolve(FineTuning.ADAPTER));
        return CommandLine.EXIT_OK;
    }
}
