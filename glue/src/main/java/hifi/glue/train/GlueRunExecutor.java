package hifi.glue.train;

import hifi.glue.progress.ProgressReporter;
import hifi.glue.run.RunExecutor;
import hifi.glue.run.RunResult;
import hifi.glue.run.RunSpec;
import hifi.glue.tasks.MalformedRowPolicy;
import hifi.glue.tasks.ReadOptions;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sweep's {@link RunExecutor}: a {@link RunSpec} (task, method, seed, learning rate and the sweep's
 * {@code params}) becomes {@link TrainSettings} and one {@link FineTuning} run in the run folder. Runs always resume
 * from their folder's checkpoint, so an interrupted sweep continues mid-run.
 *
 * <p>Parameters ({@code params} keys): {@code model} (required), {@code data}, {@code k}, {@code heads},
 * {@code samples}, {@code epochs}, {@code batch_size}, {@code max_length}, {@code eval_every}, {@code patience},
 * {@code length_grouped}, {@code warmup_ratio}, {@code weight_decay}, {@code train_subset},
 * {@code checkpoint_every}, {@code malformed} ({@code fail}/{@code skip}), {@code split_seed}.
 */
public final class GlueRunExecutor implements RunExecutor {
    static final Set<String> KEYS = Set.of("model", "data", "k", "heads", "samples", "epochs", "batch_size", "max_length",
            "eval_every", "patience", "length_grouped", "warmup_ratio", "weight_decay", "train_subset", "checkpoint_every",
            "malformed", "split_seed");

    private final PrintStream console;
    private final ProgressReporter progress;

    /** @param console where progress lines go; @param progress shows the progress of each run */
    public GlueRunExecutor(PrintStream console, ProgressReporter progress) {
        this.console = console;
        this.progress = progress;
    }

    @Override
    public RunResult execute(RunSpec run, Path runDir) throws Exception {
        return new FineTuning(console, progress).run(settings(run), runDir).result();
    }

    /** The settings of a sweep run; unknown or mistyped parameters are errors naming the key. */
    static TrainSettings settings(RunSpec run) {
        Map<String, Object> p = run.params();
        for (String key : p.keySet()) {
            if (!KEYS.contains(key)) throw new IllegalArgumentException("unknown run parameter \"" + key + "\" (known: " + new TreeSet<>(KEYS) + ")");
        }
        if (!(p.get("model") instanceof String model)) throw new IllegalArgumentException("run parameter \"model\" (the model directory) is missing");
        Path data = p.get("data") instanceof String d ? Path.of(d) : null;
        if (data == null && run.task().isGlue()) throw new IllegalArgumentException("task " + run.task().key() + " needs the run parameter \"data\" (the glue_data folder)");
        MalformedRowPolicy policy = MalformedRowPolicy.valueOf(string(p, "malformed", "fail").toUpperCase(Locale.ROOT));
        ReadOptions read = new ReadOptions(policy, System.err, integer(p, "split_seed", ReadOptions.DEFAULT_SENTIMENT_SEED));
        return new TrainSettings(Path.of(model), run.task(), data, read, run.method(), (int) integer(p, "k", 1),
                p.get("heads") instanceof String h ? Path.of(h) : null, (int) integer(p, "samples", 256), run.learningRate(),
                (int) integer(p, "epochs", 3), (int) integer(p, "batch_size", 32), (int) integer(p, "max_length", 128), run.seed(),
                (int) integer(p, "eval_every", 0), (int) integer(p, "patience", 0), bool(p, "length_grouped", true),
                decimal(p, "warmup_ratio", 0.06), decimal(p, "weight_decay", 0.01), (int) integer(p, "train_subset", 0),
                (int) integer(p, "checkpoint_every", 0), true);
    }

    private static long integer(Map<String, Object> p, String key, long fallback) {
        Object v = p.get(key);
        if (v == null) return fallback;
        if (v instanceof Long l) return l;
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
        throw new IllegalArgumentException("run parameter \"" + key + "\" must be a whole number, got " + v);
    }

    private static double decimal(Map<String, Object> p, String key, double fallback) {
        Object v = p.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("run parameter \"" + key + "\" must be a number, got " + v);
    }

    private static boolean bool(Map<String, Object> p, String key, boolean fallback) {
        Object v = p.get(key);
        if (v == null) return fallback;
        if (v instanceof Boolean b) return b;
        throw new IllegalArgumentException("run parameter \"" + key + "\" must be true or false, got " + v);
    }

    private static String string(Map<String, Object> p, String key, String fallback) {
        Object v = p.get(key);
        if (v == null) return fallback;
        if (v instanceof String s) return s;
        throw new IllegalArgumentException("run parameter \"" + key + "\" must be a string, got " + v);
    }
}
