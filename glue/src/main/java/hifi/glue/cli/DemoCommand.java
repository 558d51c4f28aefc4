package hifi.glue.cli;

import hifi.glue.demo.BundledModel;
import hifi.glue.io.MarkdownTable;
import hifi.glue.progress.ClockTime;
import hifi.glue.run.ResultFiles;
import hifi.glue.run.RunSpec;
import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.ReadOptions;
import hifi.glue.train.FineTuning;
import hifi.glue.train.Hyperparameter;
import hifi.glue.train.Hyperparameters;
import hifi.glue.train.TrainSettings;
import hifi.method.methods.Method;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code demo}: HiFi end to end with nothing but the build. Takes all-MiniLM-L6-v2 from its Maven jar (converted once
 * into the cache), the bundled UCI sentiment sentences (80/20 train/dev split), selects one head per layer, fine-tunes
 * those heads (plus pooler and classifier) with HiFi, then trains the linear-probe baseline (classifier only) the same
 * way, and prints trainable parameters and dev accuracy of both.
 */
@Command(name = "demo", description = "HiFi on all-MiniLM-L6-v2 and the bundled UCI sentiment sentences, next to a linear probe "
        + "(about a minute on 2 cores).")
public final class DemoCommand extends AppCommand {
    static final String HIFI = "hifi", PROBE = "linear-probe";
    /** The hyperparameters the demo lets one change; the others keep their defaults. */
    static final List<Hyperparameter> TUNABLE = List.of(Hyperparameter.K, Hyperparameter.SAMPLES, Hyperparameter.LEARNING_RATE,
            Hyperparameter.EPOCHS, Hyperparameter.BATCH_SIZE, Hyperparameter.MAX_LENGTH, Hyperparameter.TRAIN_SUBSET, Hyperparameter.SEED);

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", order = 1, description = "use this model directory instead of the bundled all-MiniLM-L6-v2")
    Path model;

    @Option(names = "--cache", paramLabel = "DIR", order = 2, description = "where the converted model is kept (default: $HIFI_CACHE or ~/.cache/hifi)")
    Path cache;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "hifi-demo", order = 3,
            description = "folder for the two run folders (hifi/, linear-probe/) (default: ${DEFAULT-VALUE})")
    Path outDir;

    @Option(names = "--probe-lr", paramLabel = "RATE", defaultValue = "1e-2", order = 60,
            description = "the linear probe's peak learning rate (default: ${DEFAULT-VALUE})")
    double probeLr;

    @Override
    protected void addOptions(CommandSpec spec) {
        HyperparameterOptions.add(spec, TUNABLE,
                Map.of(Hyperparameter.LEARNING_RATE, "2e-3", Hyperparameter.EPOCHS, "2", Hyperparameter.MAX_LENGTH, "64"),
                Map.of(Hyperparameter.K, "heads per layer", Hyperparameter.SAMPLES, "calibration examples for head selection",
                        Hyperparameter.LEARNING_RATE, "HiFi's peak learning rate", Hyperparameter.EPOCHS, "epochs of each run",
                        Hyperparameter.MAX_LENGTH, "tokens per sentence",
                        Hyperparameter.TRAIN_SUBSET, "train on a fixed-seed subset of N sentences (0: all 2,400)",
                        Hyperparameter.SEED, "seed of the task heads, data order and dropout"));
    }

    @Override
    protected int execute(Invocation run) throws Exception {
        PrintStream out = run.out();
        long start = System.nanoTime();
        for (String method : List.of(HIFI, PROBE)) settings(Path.of("."), method);   // bad flags fail before any work
        Path model = this.model != null ? this.model
                : BundledModel.ensure(cache != null ? cache : BundledModel.defaultCache(), out);
        List<Row> rows = new ArrayList<>();
        FineTuning fineTuning = new FineTuning(out, ProgressBar::create, run.backend());
        for (String method : List.of(HIFI, PROBE)) {
            TrainSettings s = settings(model, method);
            FineTuning.Prepared prepared = fineTuning.prepare(s);
            Path runDir = outDir.resolve(method);
            clearRun(runDir);
            out.println();
            out.println("== " + method + " ==");
            RunSpec spec = new RunSpec(s.task(), method, method, s.seed(), s.learningRate(), s.hyperparameters());
            ResultFiles.writeSpec(runDir, spec);
            long t0 = System.nanoTime();
            FineTuning.Outcome o = fineTuning.run(prepared, runDir, null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            ResultFiles.writeResult(runDir, spec, o.result(), seconds);
            out.println(o.counts().peftLine());
            rows.add(new Row(method, o.counts().trainable(), o.counts().percent(), o.result().score(), seconds));
        }
        out.println();
        Hyperparameters h = HyperparameterOptions.read(spec, TUNABLE);
        out.println("all-MiniLM-L6-v2 on UCI sentiment (dev = 20 % of the sentences), max length "
                + h.integer(Hyperparameter.MAX_LENGTH) + ", " + h.integer(Hyperparameter.EPOCHS) + " epochs:");
        out.print(table(rows));
        out.printf(Locale.ROOT, "total time %s; run folders in %s (try: hifi report --runs %s --out %s)%n",
                ClockTime.format((System.nanoTime() - start) / 1e9), outDir, outDir, outDir.resolve("report"));
        return Exit.OK;
    }

    /** The settings of the demo's run of {@code method}: the linear probe has its own learning rate. */
    TrainSettings settings(Path model, String method) {
        Hyperparameters h = HyperparameterOptions.read(spec, TUNABLE);
        if (method.equals(PROBE)) {
            try {
                h = h.with(Hyperparameter.LEARNING_RATE, probeLr);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return new TrainSettings(model, GlueTask.SENTIMENT, null, ReadOptions.strict(), Method.fromFlag(method), null, h, false);
    }

    /** One line of the summary. */
    record Row(String method, long trainable, double percent, double accuracy, double seconds) {
    }

    static String table(List<Row> rows) {
        MarkdownTable t = new MarkdownTable(List.of("method", "trainable params", "trainable %", "dev accuracy", "time"), 1);
        for (Row r : rows) {
            t.row(List.of(r.method(), String.format(Locale.ROOT, "%,d", r.trainable()), String.format(Locale.ROOT, "%.4f", r.percent()),
                    String.format(Locale.ROOT, "%.4f", r.accuracy()), ClockTime.format(r.seconds())));
        }
        return t.render();
    }

    /** Removes an earlier demo run from {@code runDir}, but only a folder that is a run folder (holds run.json). */
    private static void clearRun(Path runDir) throws IOException {
        if (!Files.exists(runDir)) return;
        if (!Files.isRegularFile(runDir.resolve(ResultFiles.RUN))) {
            throw new IllegalArgumentException(runDir + " exists and is not a demo run folder: choose another --out");
        }
        try (Stream<Path> paths = Files.walk(runDir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
