package hifi.glue.train;

import hifi.engine.bert.BertConfig;
import hifi.engine.io.Json;
import hifi.glue.model.TaskModel;
import hifi.glue.progress.Progress;
import hifi.glue.progress.ProgressReporter;
import hifi.glue.tasks.Example;
import hifi.glue.tasks.TaskSplit;
import hifi.method.methods.HeadMasks;
import hifi.method.methods.Method;
import hifi.method.methods.MethodSpec;
import hifi.method.scoring.HeadId;
import hifi.method.select.BertHeadOutputModel;
import hifi.method.select.HeadHeatmap;
import hifi.method.select.HeadSelector;
import hifi.method.select.HeadsJson;
import hifi.method.select.SelectionConfig;
import hifi.method.select.SelectionResult;
import hifi.method.select.TextExample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a run's method into a {@link MethodSpec}: the head mask of {@code hifi}, {@code info-only} and
 * {@code corr-only} comes from a {@code heads.json} written by {@code select}, or from a selection run here (written
 * to the run folder as {@code heads.json} and {@code heads.png}); {@code random-heads} draws {@code k} heads per
 * layer from the seed; {@code lora} takes its settings from the {@code --lora-*} hyperparameters; the other methods
 * need no heads.
 */
public final class HeadChoice {
    public static final String HEADS_JSON = "heads.json";
    public static final String HEADS_PNG = "heads.png";

    /** The selector's progress lines, {@code statistics: 64 / 256 examples}, drive the progress bar. */
    private static final Pattern STATISTICS_LINE = Pattern.compile("statistics: (\\d+) / \\d+ examples");

    private HeadChoice() {
    }

    public static MethodSpec spec(TrainSettings s, TaskModel model, TaskSplit train, Path runDir, Consumer<String> log,
                                  ProgressReporter progress) throws IOException {
        Method method = Method.fromFlag(s.method());
        BertConfig c = model.config();
        return switch (method) {
            case FULL, BITFIT, LINEAR_PROBE -> MethodSpec.of(method);
            case LORA -> MethodSpec.lora(s.loraConfig());
            case RANDOM_HEADS -> MethodSpec.randomHeads(c, checkK(s.k(), c), s.seed());
            case HIFI, INFO_ONLY, CORR_ONLY -> {
                boolean[][] mask;
                Path existing = runDir.resolve(HEADS_JSON);
                if (s.heads() != null) {
                    mask = read(s.heads(), method, c);
                    String selectedOn = selectedTask(s.heads());
                    if (selectedOn != null && !selectedOn.equals(s.task().key())) {
                        log.accept("note: " + s.heads() + " was selected on task " + selectedOn + ", training on " + s.task().key());
                    }
                }
                else if (Files.isRegularFile(existing)) mask = read(existing, method, c);  // a resumed run keeps its heads
                else mask = select(s, method, model, train, runDir, log, progress);
                yield method == Method.HIFI ? MethodSpec.hifi(mask) : MethodSpec.ablation(method, mask);
            }
        };
    }

    /**
     * Checks, before the run starts, what {@link #spec} will need: {@code k} within the model's heads, and a given
     * {@code heads.json} that fits the model and the method.
     */
    static void check(TrainSettings s, BertConfig c) throws IOException {
        Method method = Method.fromFlag(s.method());
        if (!method.trainsHeads()) return;
        if (s.heads() != null && method != Method.RANDOM_HEADS) read(s.heads(), method, c);
        else checkK(s.k(), c);
    }

    private static int checkK(int k, BertConfig c) {
        if (k > c.numAttentionHeads()) throw new IllegalArgumentException("--k " + k + " exceeds the model's " + c.numAttentionHeads() + " heads per layer");
        return k;
    }

    /** Runs head selection on the training split and writes {@code heads.json} and {@code heads.png} to the run folder. */
    static boolean[][] select(TrainSettings s, Method method, TaskModel model, TaskSplit train, Path runDir, Consumer<String> log,
                              ProgressReporter progress) throws IOException {
        BertConfig c = model.config();
        checkK(s.k(), c);
        SelectionConfig config = s.selectionConfig(SelectionConfig.defaults());
        var encoder = new BertHeadOutputModel(model.model().bert(), model.tokenizer(), model.model().backend(),
                model.directory().root() + " (" + c.numHiddenLayers() + " layers × " + c.numAttentionHeads() + " heads)");
        SelectionResult r;
        try (Progress bar = progress.start("select " + s.task().key(), Math.min(s.selectionSamples(), train.size()), "ex")) {
            r = new HeadSelector(model.model().backend(), line -> {
                Matcher m = STATISTICS_LINE.matcher(line);
                if (m.matches()) bar.set(Long.parseLong(m.group(1)));
                else log.accept("select: " + line);
            }).select(encoder, texts(train.examples()), config, s.task().key());
        }
        Files.createDirectories(runDir);
        HeadsJson.write(r, runDir.resolve(HEADS_JSON));
        HeadHeatmap.write(r.scores().scores(), r.selected(), runDir.resolve(HEADS_PNG));
        log.accept(String.format(java.util.Locale.ROOT, "select: %d heads (%s) in %.1f s, Kendall tau between halves %.3f",
                r.selected().size(), r.selected(), r.timings().totalSeconds(), r.meanStabilityTau()));
        return HeadMasks.of(r.selected(), c.numHiddenLayers(), c.numAttentionHeads());
    }

    /** The selected heads of a {@code heads.json}, checked against the model's shape and the method. */
    @SuppressWarnings("unchecked")
    public static boolean[][] read(Path file, Method method, BertConfig c) throws IOException {
        Map<String, Object> j;
        try {
            j = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (Json.JsonException e) {
            throw new IllegalArgumentException(file + ": not a heads.json: " + e.getMessage(), e);
        }
        if (!HeadsJson.FORMAT.equals(j.get("format"))) {
            throw new IllegalArgumentException(file + ": not a heads.json (format is " + j.get("format") + ", expected " + HeadsJson.FORMAT + ")");
        }
        long layers = number(j, "layers", file), heads = number(j, "heads", file);
        if (layers != c.numHiddenLayers() || heads != c.numAttentionHeads()) {
            throw new IllegalArgumentException(file + ": selected on a model with " + layers + " layers × " + heads
                    + " heads, but this model has " + c.numHiddenLayers() + " × " + c.numAttentionHeads());
        }
        Object cfg = j.get("configuration");
        if (cfg instanceof Map<?, ?> m && m.get("method") instanceof String selectedBy && !selectedBy.equals(method.flag())) {
            throw new IllegalArgumentException(file + ": heads were selected with method " + selectedBy + ", not " + method.flag());
        }
        if (!(j.get("selected_heads") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(file + ": no \"selected_heads\"");
        }
        List<HeadId> selected = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> h)) throw new IllegalArgumentException(file + ": a selected head is not an object: " + o);
            selected.add(new HeadId((int) number((Map<String, Object>) h, "layer", file), (int) number((Map<String, Object>) h, "head", file)));
        }
        return HeadMasks.of(selected, c.numHiddenLayers(), c.numAttentionHeads());
    }

    /**
     * The graph variant that ranked a {@code hifi} run's heads (from the {@code heads.json} it used), or null for the
     * methods whose heads no graph variant chose.
     */
    public static String variant(TrainSettings s, Method method, Path runDir) throws IOException {
        if (method != Method.HIFI) return null;
        Path file = s.heads() != null ? s.heads() : runDir.resolve(HEADS_JSON);
        if (!Files.isRegularFile(file)) return null;
        return Json.parseObject(Files.readString(file, StandardCharsets.UTF_8)).get("configuration") instanceof Map<?, ?> c
                && c.get("variant") instanceof String v ? v : null;
    }

    private static String selectedTask(Path file) throws IOException {
        return Json.parseObject(Files.readString(file, StandardCharsets.UTF_8)).get("task") instanceof String t && !t.isEmpty() ? t : null;
    }

    private static long number(Map<String, Object> j, String key, Path file) {
        if (!(j.get(key) instanceof Number n)) throw new IllegalArgumentException(file + ": missing number \"" + key + "\"");
        return n.longValue();
    }

    /** Task examples as head-selection inputs, keeping their ids. */
    public static List<TextExample> texts(List<Example> examples) {
        List<TextExample> out = new ArrayList<>(examples.size());
        for (Example e : examples) out.add(new TextExample(e.id(), e.textA(), e.textB()));
        return out;
    }
}
