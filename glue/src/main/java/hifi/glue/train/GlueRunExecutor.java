package hifi.glue.train;

import hifi.engine.backend.Backend;
import hifi.glue.progress.ProgressReporter;
import hifi.glue.run.RunExecutor;
import hifi.glue.run.RunResult;
import hifi.glue.run.RunSpec;
import hifi.glue.tasks.MalformedRowPolicy;
import hifi.glue.tasks.ReadOptions;
import hifi.method.methods.Method;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sweep's {@link RunExecutor}: a {@link RunSpec} (task, method, seed, learning rate and the sweep's
 * {@code params}) becomes {@link TrainSettings} and one {@link FineTuning} run in the run folder. Runs always resume
 * from their folder's checkpoint, so an interrupted sweep continues mid-run.
 *
 * <p>Parameters ({@code params} keys): {@code model} (required), {@code data}, {@code heads}, {@code malformed}
 * ({@code fail}/{@code skip}), {@code split_seed}, and the {@link Hyperparameter#paramKey()} of every hyperparameter
 * ({@code k}, {@code samples}, {@code epochs}, {@code batch_size}, {@code max_length}, {@code eval_every},
 * {@code patience}, {@code length_grouped}, {@code warmup_ratio}, {@code weight_decay}, {@code micro_batches}, {@code train_subset},
 * {@code checkpoint_every}).
 */
public final class GlueRunExecutor implements RunExecutor {
    static final Set<String> KEYS = keys();

    private final PrintStream console;
    private final ProgressReporter progress;
    private final Backend backend;

    /**
     * @param console  where progress lines go
     * @param progress shows the progress of each run
     * @param backend  computes the runs
     */
    public GlueRunExecutor(PrintStream console, ProgressReporter progress, Backend backend) {
        this.console = console;
        this.progress = progress;
        this.backend = backend;
    }

    private static Set<String> keys() {
        Set<String> keys = new HashSet<>(Set.of("model", "data", "heads", "malformed", "split_seed"));
        for (Hyperparameter h : Hyperparameter.values()) if (h.paramKey() != null) keys.add(h.paramKey());
        return Set.copyOf(keys);
    }

    @Override
    public RunResult execute(RunSpec run, Path runDir) throws Exception {
        return new FineTuning(console, progress, backend).run(settings(run), runDir).result();
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
        Hyperparameters h = Hyperparameters.defaults().with(Hyperparameter.LEARNING_RATE, run.learningRate())
                .with(Hyperparameter.SEED, run.seed());
        for (Hyperparameter hp : Hyperparameter.values()) {
            String key = hp.paramKey();
            if (key == null || !p.containsKey(key)) continue;
            h = h.with(hp, switch (hp.type()) {
                case INT -> (int) integer(p, key, 0);
                case LONG -> integer(p, key, 0);
                case DOUBLE -> decimal(p, key, 0);
                case BOOLEAN -> bool(p, key, false);
                case STRING -> names(p, key);
            });
        }
        return new TrainSettings(Path.of(model), run.task(), data, read, Method.fromFlag(run.method()),
                p.get("heads") instanceof String hs ? Path.of(hs) : null, h, true);
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

    /** A list of names, given as a JSON list ({@code ["query", "value"]}) or a comma-separated string. */
    private static String names(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v instanceof List<?> l && l.stream().allMatch(o -> o instanceof String)) return String.join(",", l.stream().map(String.class::cast).toList());
        if (v instanceof String s) return s;
        throw new IllegalArgumentException("run parameter \"" + key + "\" must be a list of names or a comma-separated string, got " + v);
    }

    private static String string(Map<String, Object> p, String key, String fallback) {
        Object v = p.get(key);
        if (v == null) return fallback;
        if (v instanceof String s) return s;
        throw new IllegalArgumentException("run parameter \"" + key + "\" must be a string, got " + v);
    }
}
