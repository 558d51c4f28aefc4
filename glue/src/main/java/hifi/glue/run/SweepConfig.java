package hifi.glue.run;

import hifi.engine.io.Json;
import hifi.glue.tasks.GlueTask;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep: tasks × methods × seeds × learning rates, read from one JSON file.
 *
 * <pre>{@code
 * {
 *   "name": "bge-small-glue",
 *   "tasks": ["rte", "mrpc", "stsb", "cola", "sst2"],
 *   "methods": ["full", "bitfit", "random-heads",
 *               {"name": "hifi-k1", "method": "hifi", "k": 1},
 *               {"name": "hifi-k2", "method": "hifi", "k": 2}],
 *   "seeds": [1, 2, 3],
 *   "learning_rates": {"full": [2e-5], "*": [5e-4]},
 *   "params": {"model": "models/bge-small", "data": "data/glue", "epochs": 10, "max_length": 128},
 *   "task_params": {"sst2": {"epochs": 1, "train_subset": 20000}},
 *   "task_seeds": {"sst2": [1]}
 * }
 * }</pre>
 *
 * <ul>
 * <li>{@code methods}: a method name, or an object with {@code name} (unique, used in folder names), {@code method}
 *     (what to train; defaults to {@code name}) and any parameters of its own.</li>
 * <li>{@code learning_rates}: one list for every method, or an object keyed by method name, then by method, then
 *     {@code "*"} (looked up in that order).</li>
 * <li>{@code params} apply to every run, {@code task_params} override them per task, a method entry's own keys
 *     override both. {@code task_seeds} replaces {@code seeds} for the tasks it names.</li>
 * </ul>
 * Unknown keys, empty lists, unknown tasks and non-positive learning rates are errors naming the file and key.
 */
public final class SweepConfig {
    private static final Set<String> KEYS = Set.of("name", "tasks", "methods", "seeds", "learning_rates", "params",
            "task_params", "task_seeds");

    private final String name;
    private final List<RunSpec> runs;

    private SweepConfig(String name, List<RunSpec> runs) {
        this.name = name;
        this.runs = List.copyOf(runs);
    }

    /** The sweep's name (for the summary's title). */
    public String name() {
        return name;
    }

    /** Every run, ordered by task, method, learning rate, seed; folder names are unique. */
    public List<RunSpec> runs() {
        return runs;
    }

    /**
     * The runs of the given seeds only (a first pass over seed 1 of everything before the others); the summary of a
     * later full sweep still covers every run. Seeds no run has are an error.
     */
    public SweepConfig onlySeeds(Collection<Long> seeds) {
        List<RunSpec> kept = runs.stream().filter(r -> seeds.contains(r.seed())).toList();
        for (long seed : seeds) {
            if (kept.stream().noneMatch(r -> r.seed() == seed)) throw new IllegalArgumentException("--seeds: no run has seed " + seed);
        }
        return new SweepConfig(name, kept);
    }

    /** Reads a config file. */
    public static SweepConfig read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses config text; {@code source} names it in error messages. */
    public static SweepConfig parse(String json, String source) {
        Map<String, Object> root;
        try {
            root = Json.parseObject(json);
        } catch (Json.JsonException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        Reader r = new Reader(source);
        r.onlyKeys(root, KEYS, "the top level");
        String name = root.containsKey("name") ? r.string(root.get("name"), "name") : "sweep";
        List<GlueTask> tasks = new ArrayList<>();
        for (Object t : r.nonEmptyList(root.get("tasks"), "tasks")) {
            try {
                tasks.add(GlueTask.byName(r.string(t, "tasks")));
            } catch (IllegalArgumentException e) {
                throw r.error("tasks", e.getMessage());
            }
        }
        List<MethodEntry> methods = new ArrayList<>();
        for (Object m : r.nonEmptyList(root.get("methods"), "methods")) methods.add(MethodEntry.of(m, r));
        List<Long> seeds = r.seeds(root.get("seeds"), "seeds");
        Map<String, Object> params = r.object(root.getOrDefault("params", Map.of()), "params");
        Map<String, Object> taskParams = r.object(root.getOrDefault("task_params", Map.of()), "task_params");
        Map<String, Object> taskSeeds = r.object(root.getOrDefault("task_seeds", Map.of()), "task_seeds");
        Map<GlueTask, Map<String, Object>> paramsByTask = new HashMap<>();
        Map<GlueTask, List<Long>> seedsByTask = new HashMap<>();
        for (var e : taskParams.entrySet()) paramsByTask.put(r.task(e.getKey(), "task_params"), r.object(e.getValue(), "task_params." + e.getKey()));
        for (var e : taskSeeds.entrySet()) seedsByTask.put(r.task(e.getKey(), "task_seeds"), r.seeds(e.getValue(), "task_seeds." + e.getKey()));

        LearningRates rates = LearningRates.of(root.get("learning_rates"), r);
        List<RunSpec> runs = new ArrayList<>();
        Map<String, RunSpec> byFolder = new HashMap<>();
        for (GlueTask task : tasks) {
            for (MethodEntry m : methods) {
                Map<String, Object> merged = new LinkedHashMap<>(params);
                merged.putAll(paramsByTask.getOrDefault(task, Map.of()));
                merged.putAll(m.params());
                for (double lr : rates.forMethod(m, r)) {
                    for (long seed : seedsByTask.getOrDefault(task, seeds)) {
                        RunSpec run = new RunSpec(task, m.name(), m.method(), seed, lr, merged);
                        RunSpec clash = byFolder.put(run.folderName(), run);
                        if (clash != null) throw r.error("methods", "two runs share the folder " + run.folderName()
                                + " (duplicate method name, task or seed?)");
                        runs.add(run);
                    }
                }
            }
        }
        return new SweepConfig(name, runs);
    }

    /** A method entry: its unique name, what to train, and its own parameters. */
    private record MethodEntry(String name, String method, Map<String, Object> params) {
        static MethodEntry of(Object entry, Reader r) {
            if (entry instanceof String s) return new MethodEntry(r.identifier(s, "methods"), s, Map.of());
            Map<String, Object> m = new LinkedHashMap<>(r.object(entry, "methods"));
            Object nameValue = m.remove("name");
            if (nameValue == null) throw r.error("methods", "a method object needs a \"name\"");
            String name = r.identifier(r.string(nameValue, "methods.name"), "methods.name");
            Object methodValue = m.remove("method");
            String method = methodValue == null ? name : r.string(methodValue, "methods." + name + ".method");
            return new MethodEntry(name, method, m);
        }
    }

    /** The learning-rate lists: one for all, or keyed by method name, method, or {@code "*"}. */
    private record LearningRates(List<Double> forAll, Map<String, List<Double>> byKey) {
        static LearningRates of(Object value, Reader r) {
            if (value instanceof List<?>) return new LearningRates(r.rates(value, "learning_rates"), Map.of());
            Map<String, List<Double>> byKey = new HashMap<>();
            for (var e : r.object(value, "learning_rates").entrySet()) {
                byKey.put(e.getKey(), r.rates(e.getValue(), "learning_rates." + e.getKey()));
            }
            return new LearningRates(null, byKey);
        }

        List<Double> forMethod(MethodEntry m, Reader r) {
            if (forAll != null) return forAll;
            for (String key : List.of(m.name(), m.method(), "*")) {
                List<Double> l = byKey.get(key);
                if (l != null) return l;
            }
            throw r.error("learning_rates", "no learning rates for method " + m.name() + " (add \"" + m.name()
                    + "\", \"" + m.method() + "\" or \"*\")");
        }
    }

    /** Typed access to JSON values with errors that name the file and the key. */
    private record Reader(String source) {
        IllegalArgumentException error(String key, String message) {
            return new IllegalArgumentException(source + ": " + key + ": " + message);
        }

        void onlyKeys(Map<String, Object> m, Set<String> allowed, String where) {
            for (String k : m.keySet()) {
                if (!allowed.contains(k)) {
                    throw error(k, "unknown key at " + where + " (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }

        String string(Object v, String key) {
            if (v instanceof String s && !s.isEmpty()) return s;
            throw error(key, "expected a non-empty string, got " + v);
        }

        String identifier(String s, String key) {
            if (!s.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) throw error(key, "'" + s + "' must be letters, digits, '.', '_' or '-'");
            return s;
        }

        List<?> nonEmptyList(Object v, String key) {
            if (v == null) throw error(key, "missing");
            if (!(v instanceof List<?> l) || l.isEmpty()) throw error(key, "expected a non-empty array");
            return l;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(Object v, String key) {
            if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
            throw error(key, "expected an object, got " + v);
        }

        GlueTask task(String name, String key) {
            try {
                return GlueTask.byName(name);
            } catch (IllegalArgumentException e) {
                throw error(key, e.getMessage());
            }
        }

        List<Long> seeds(Object v, String key) {
            List<Long> out = new ArrayList<>();
            for (Object o : nonEmptyList(v, key)) {
                if (!(o instanceof Long l)) throw error(key, "seeds must be integers, got " + o);
                if (out.contains(l)) throw error(key, "seed " + l + " listed twice");
                out.add(l);
            }
            return out;
        }

        List<Double> rates(Object v, String key) {
            List<Double> out = new ArrayList<>();
            for (Object o : nonEmptyList(v, key)) {
                if (!(o instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
                    throw error(key, "learning rates must be positive numbers, got " + o);
                }
                out.add(n.doubleValue());
            }
            return out;
        }
    }
}
