package hifi.method.select;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.method.scoring.CorrelationMeasure;
import hifi.method.scoring.GraphScope;
import hifi.method.scoring.GraphVariant;
import hifi.method.scoring.HeadId;
import hifi.method.scoring.HeadScores;
import hifi.method.scoring.RichnessMeasure;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code select} subcommand: rank a task's attention heads on a pre-trained model and write {@code heads.json}
 * and {@code heads.png} to the output folder.
 *
 * <pre>
 * select --model DIR --task TASK [--data DIR] --out DIR [--samples N] [--k K] [--variant A|B|C] [--scope layer|global]
 *        [--richness nuclear|entropy_rank|thresh_rank[:eps]|topk_energy[:t]] [--correlation rv|abs_cosine|cov_fro]
 *        [--method hifi|info-only|corr-only] [--selection layer|global] [--normalise-info] [--seed S]
 *        [--batch-size B] [--max-length L] [--threads N]
 * </pre>
 *
 * Reading task data is the caller's business ({@link TrainingData}; the GLUE module supplies it), as is opening a
 * model directory ({@link ModelOpener}). Exit codes: 0 success, 2 bad command line, 1 any other failure.
 */
public final class SelectCommand {
    /** Exit code for a bad command line. */
    public static final int USAGE = 2;
    /** Exit code for a failure while running. */
    public static final int FAILURE = 1;

    private static final Set<String> VALUE_FLAGS = Set.of("--model", "--task", "--data", "--out", "--samples", "--k",
            "--variant", "--scope", "--richness", "--correlation", "--method", "--selection", "--seed", "--batch-size",
            "--max-length", "--threads");
    private static final Set<String> SWITCHES = Set.of("--normalise-info", "--help");

    /** The training examples of a task, from a data folder ({@code null}: the task's bundled copy, if it has one). */
    @FunctionalInterface
    public interface TrainingData {
        List<TextExample> load(String task, Path dataDir) throws IOException;
    }

    /** A model folder opened for head selection. */
    @FunctionalInterface
    public interface ModelOpener {
        HeadOutputModel open(Path modelDir, Backend backend) throws IOException;
    }

    private final TrainingData data;
    private final ModelOpener models;
    private final PrintStream out;
    private final PrintStream err;

    public SelectCommand(TrainingData data, ModelOpener models, PrintStream out, PrintStream err) {
        this.data = data;
        this.models = models;
        this.out = out;
        this.err = err;
    }

    public static String usage() {
        return """
                usage: select --model DIR --task TASK [--data DIR] --out DIR [options]
                  --data DIR           the task's data folder (a task with a bundled copy, like sentiment, may omit it)
                  --samples N          calibration examples from the training split (default 256)
                  --k K                heads per layer (default 1); with --selection global, K·layers overall
                  --variant A|B|C      head graph variant (default B)
                  --scope layer|global one PageRank graph per layer (default) or over all heads
                  --richness M         nuclear (default), entropy_rank, thresh_rank[:eps], topk_energy[:t]
                  --correlation M      rv (default), abs_cosine, cov_fro
                  --method M           hifi (default), info-only, corr-only
                  --selection S        layer (default): top K per layer; global: top K·layers overall
                  --normalise-info     divide information by its per-layer maximum (matters for --scope global)
                  --seed S             calibration sampling seed (default 42)
                  --batch-size B       examples per forward batch (default 32)
                  --max-length L       tokens per example (default 128)
                  --threads N          worker threads (default: all processors)
                writes OUT/heads.json and OUT/heads.png""";
    }

    /** Runs the command; never throws for user errors, which are reported on the error stream. */
    public int run(String[] args) {
        Map<String, String> flags;
        SelectionConfig config;
        try {
            flags = parse(args);
            if (flags.containsKey("--help")) {
                out.println(usage());
                return 0;
            }
            for (String required : List.of("--model", "--task", "--out")) {
                if (!flags.containsKey(required)) throw new IllegalArgumentException("missing " + required);
            }
            config = config(flags);
            if (flags.containsKey("--threads")) Backends.current().workers().setThreads(positive(flags, "--threads"));
        } catch (IllegalArgumentException e) {
            err.println("select: " + e.getMessage());
            err.println(usage());
            return USAGE;
        }
        try {
            return execute(flags, config);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            err.println("select: " + e.getMessage());
            return FAILURE;
        }
    }

    private int execute(Map<String, String> flags, SelectionConfig config) throws IOException {
        Path modelDir = Path.of(flags.get("--model")), outDir = Path.of(flags.get("--out"));
        Path dataDir = flags.containsKey("--data") ? Path.of(flags.get("--data")) : null;
        if (!Files.isDirectory(modelDir)) throw new IllegalArgumentException("--model " + modelDir + " is not a folder");
        if (dataDir != null && !Files.isDirectory(dataDir)) throw new IllegalArgumentException("--data " + dataDir + " is not a folder");
        String task = flags.get("--task");
        List<TextExample> training = data.load(task, dataDir);
        Backend backend = Backends.current();
        HeadOutputModel model = models.open(modelDir, backend);
        out.printf("select: %s, task %s (%d training examples), %d samples, method %s, variant %s, scope %s, richness %s, correlation %s%n",
                model.description(), task, training.size(), Math.min(config.samples(), training.size()), config.method(),
                config.variant(), config.scope().label(), config.richness().name(), config.correlation().name());
        SelectionResult result = new HeadSelector(backend, err::println).select(model, training, config, task);
        Files.createDirectories(outDir);
        HeadsJson.write(result, outDir.resolve("heads.json"));
        HeadHeatmap.write(result.scores().scores(), result.selected(), outDir.resolve("heads.png"));
        report(result, outDir);
        return 0;
    }

    private void report(SelectionResult r, Path outDir) {
        for (int l = 0; l < r.layers(); l++) {
            StringBuilder heads = new StringBuilder();
            for (HeadId h : r.selected()) if (h.layer() == l) heads.append(heads.isEmpty() ? "" : ", ").append(h.head());
            out.printf(Locale.ROOT, "layer %2d: heads [%s]  stability tau %s%n", l, heads, format(r.stabilityTau()[l]));
        }
        StringBuilder iterations = new StringBuilder();
        for (HeadScores.GraphRun run : r.scores().runs()) iterations.append(iterations.isEmpty() ? "" : " ").append(run.iterations());
        out.printf(Locale.ROOT, "PageRank iterations: %s%s%n", iterations.isEmpty() ? "none (no graph)" : iterations,
                r.scores().allConverged() ? "" : "  (NOT all converged)");
        out.printf(Locale.ROOT, "Kendall tau between halves: mean %s%n", format(r.meanStabilityTau()));
        var t = r.timings();
        out.printf(Locale.ROOT, "time: forward %.2f s, statistics %.2f s, PageRank %.4f s, total %.2f s%n",
                t.forwardSeconds(), t.statisticsSeconds(), t.pageRankSeconds(), t.totalSeconds());
        out.println("wrote " + outDir.resolve("heads.json") + " and " + outDir.resolve("heads.png"));
    }

    private static String format(double tau) {
        return Double.isNaN(tau) ? "undefined" : String.format(Locale.ROOT, "%.3f", tau);
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a, value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (SWITCHES.contains(name)) {
                if (value != null) throw new IllegalArgumentException(name + " takes no value");
                flags.put(name, "true");
            } else if (VALUE_FLAGS.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) throw new IllegalArgumentException(name + " needs a value");
                    value = args[++i];
                }
                if (flags.put(name, value) != null) throw new IllegalArgumentException(name + " given twice");
            } else {
                throw new IllegalArgumentException("unknown argument \"" + a + "\"");
            }
        }
        return flags;
    }

    static SelectionConfig config(Map<String, String> f) {
        SelectionConfig c = SelectionConfig.defaults();
        if (f.containsKey("--samples")) c = c.withSamples(positive(f, "--samples"));
        if (f.containsKey("--k")) c = c.withK(positive(f, "--k"));
        if (f.containsKey("--variant")) c = c.withVariant(GraphVariant.byName(f.get("--variant")));
        if (f.containsKey("--scope")) c = c.withScope(GraphScope.byName(f.get("--scope")));
        if (f.containsKey("--richness")) c = c.withRichness(RichnessMeasure.byName(f.get("--richness")));
        if (f.containsKey("--correlation")) c = c.withCorrelation(CorrelationMeasure.byName(f.get("--correlation")));
        if (f.containsKey("--method")) c = c.withMethod(f.get("--method"));
        if (f.containsKey("--selection")) {
            String s = f.get("--selection");
            if (!s.equals("layer") && !s.equals("global")) throw new IllegalArgumentException("--selection must be layer or global, got \"" + s + "\"");
            c = c.withGlobalSelection(s.equals("global"));
        }
        if (f.containsKey("--normalise-info")) c = c.withNormaliseInformation(true);
        if (f.containsKey("--seed")) {
            try {
                c = c.withSeed(Long.parseLong(f.get("--seed")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seed must be an integer, got \"" + f.get("--seed") + "\"");
            }
        }
        if (f.containsKey("--batch-size")) c = c.withBatchSize(positive(f, "--batch-size"));
        if (f.containsKey("--max-length")) c = c.withMaxLength(positive(f, "--max-length"));
        return c;
    }

    private static int positive(Map<String, String> f, String name) {
        try {
            int v = Integer.parseInt(f.get(name));
            if (v < 1) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive integer, got \"" + f.get(name) + "\"");
        }
    }
}
