package hifi.glue.cli;

import hifi.glue.progress.ClockTime;
import hifi.glue.demo.BundledModel;
import hifi.glue.io.MarkdownTable;
import hifi.glue.run.ResultFiles;
import hifi.glue.run.RunSpec;
import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.ReadOptions;
import hifi.glue.train.FineTuning;
import hifi.glue.train.TrainSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code demo}: HiFi end to end with nothing but the build. Takes all-MiniLM-L6-v2 from its Maven jar (converted once
 * into the cache), the bundled UCI sentiment sentences (80/20 train/dev split), selects one head per layer, fine-tunes
 * those heads (plus pooler and classifier) with HiFi, then trains the linear-probe baseline (classifier only) the same
 * way, and prints trainable parameters and dev accuracy of both.
 */
public final class DemoCommand extends FlagCommand {
    static final String HIFI = "hifi", PROBE = "linear-probe";

    @Override
    public String name() {
        return "demo";
    }

    @Override
    protected Flags flags() {
        return new Flags(name(), "HiFi on all-MiniLM-L6-v2 and the bundled UCI sentiment sentences, next to a linear probe "
                + "(about a minute on 2 cores).")
                .path("model", "DIR", null, "use this model directory instead of the bundled all-MiniLM-L6-v2")
                .path("cache", "DIR", null, "where the converted model is kept (default: $HIFI_CACHE or ~/.cache/hifi)")
                .path("out", "DIR", "hifi-demo", "folder for the two run folders (hifi/, linear-probe/)")
                .integer("k", "K", "1", "heads per layer")
                .integer("samples", "N", "256", "calibration examples for head selection")
                .decimal("lr", "RATE", "2e-3", "HiFi's peak learning rate")
                .decimal("probe-lr", "RATE", "1e-2", "the linear probe's peak learning rate")
                .integer("epochs", "N", "2", "epochs of each run")
                .integer("batch-size", "N", "32", "examples per batch")
                .integer("max-length", "N", "64", "tokens per sentence")
                .integer("train-subset", "N", "0", "train on a fixed-seed subset of N sentences (0: all 2,400)")
                .longInteger("seed", "S", "1", "seed of the task heads, data order and dropout");
    }

    @Override
    protected int execute(FlagValues f, PrintStream out, PrintStream err) throws Exception {
        long start = System.nanoTime();
        for (String method : List.of(HIFI, PROBE)) settings(f, Path.of("."), method);   // bad flags fail before any work
        Path model = f.has("model") ? f.path("model")
                : BundledModel.ensure(f.has("cache") ? f.path("cache") : BundledModel.defaultCache(), out);
        Path outDir = f.path("out");
        List<Row> rows = new ArrayList<>();
        for (String method : List.of(HIFI, PROBE)) {
            TrainSettings s = settings(f, model, method);
            Path runDir = outDir.resolve(method);
            clearRun(runDir);
            out.println();
            out.println("== " + method + " ==");
            RunSpec spec = new RunSpec(s.task(), method, method, s.seed(), s.learningRate(), s.hyperparameters());
            ResultFiles.writeSpec(runDir, spec);
            long t0 = System.nanoTime();
            FineTuning.Outcome o = new FineTuning(out, ProgressBar::create).run(s, runDir);
            double seconds = (System.nanoTime() - t0) / 1e9;
            ResultFiles.writeResult(runDir, spec, o.result(), seconds);
            out.println(o.counts().peftLine());
            rows.add(new Row(method, o.counts().trainable(), o.counts().percent(), o.result().score(), seconds));
        }
        out.println();
        out.println("all-MiniLM-L6-v2 on UCI sentiment (dev = 20 % of the sentences), max length " + f.integer("max-length")
                + ", " + f.integer("epochs") + " epochs:");
        out.print(table(rows));
        out.printf(Locale.ROOT, "total time %s; run folders in %s (try: hifi report --runs %s --out %s)%n",
                ClockTime.format((System.nanoTime() - start) / 1e9), outDir, outDir, outDir.resolve("report"));
        return CommandLine.EXIT_OK;
    }

    static TrainSettings settings(FlagValues f, Path model, String method) {
        boolean probe = method.equals(PROBE);
        try {
            return new TrainSettings(model, GlueTask.SENTIMENT, null, ReadOptions.strict(), method, f.integer("k"), null,
                    f.integer("samples"), probe ? f.decimal("probe-lr") : f.decimal("lr"), f.integer("epochs"),
                    f.integer("batch-size"), f.integer("max-length"), f.longInteger("seed"), 0, 0, true, 0.06, 0.01,
                    f.integer("train-subset"), 0, false);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
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
