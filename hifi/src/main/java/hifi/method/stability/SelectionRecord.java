package hifi.method.stability;

import hifi.engine.io.Json;
import hifi.method.scoring.HeadId;
import hifi.method.select.HeadsJson;
import hifi.method.select.SelectionConfig;
import hifi.method.select.SelectionResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the stability study keeps of one selection: its scores {@code [layer][head]}, the heads its configuration
 * picked, the split-half Kendall τ ({@link SelectionResult#meanStabilityTau()}) and its wall time. Made from a fresh
 * {@link SelectionResult}, or read back from the {@code heads.json} an earlier study wrote.
 */
public record SelectionRecord(int samples, long seed, double[][] scores, List<HeadId> selected, double halfTau, double seconds) {

    public SelectionRecord {
        selected = List.copyOf(selected);
    }

    public static SelectionRecord of(SelectionResult r) {
        return new SelectionRecord(r.sampleIds().size(), r.config().seed(), r.scores().scores(), r.selected(), r.meanStabilityTau(),
                r.timings().totalSeconds());
    }

    /**
     * Reads a {@code heads.json} written for {@code config} on {@code model} and {@code task}.
     *
     * @throws IllegalArgumentException naming the file when it is not a heads.json or was written for other settings
     */
    public static SelectionRecord read(Path file, SelectionConfig config, String model, String task) throws IOException {
        Map<String, Object> j;
        try {
            j = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (Json.JsonException e) {
            throw new IllegalArgumentException(file + ": not a heads.json: " + e.getMessage(), e);
        }
        if (!HeadsJson.FORMAT.equals(j.get("format"))) throw new IllegalArgumentException(file + ": not a heads.json (format " + j.get("format") + ")");
        String expected = Json.write(HeadsJson.configuration(config));
        if (!expected.equals(Json.write(j.get("configuration"))) || !model.equals(j.get("model")) || !task.equals(j.get("task"))) {
            throw new IllegalArgumentException(file + ": selected with other settings (model " + j.get("model") + ", task " + j.get("task")
                    + ", " + Json.write(j.get("configuration")) + "); expected model " + model + ", task " + task + ", " + expected
                    + ": remove it or write to another --out");
        }
        try {
            List<HeadId> selected = new ArrayList<>();
            for (Object o : (List<?>) j.get("selected_heads")) {
                Map<?, ?> h = (Map<?, ?>) o;
                selected.add(new HeadId(((Number) h.get("layer")).intValue(), ((Number) h.get("head")).intValue()));
            }
            Map<?, ?> stability = (Map<?, ?>) j.get("stability");
            Map<?, ?> samples = (Map<?, ?>) j.get("samples");
            Map<?, ?> timings = (Map<?, ?>) j.get("timings_seconds");
            return new SelectionRecord(((Number) samples.get("count")).intValue(), config.seed(), matrix(j.get("scores")), selected,
                    number(stability.get("kendall_tau_mean")), number(timings.get("total")));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException(file + ": a field of heads.json is missing or malformed (" + e.getMessage() + ")", e);
        }
    }

    private static double[][] matrix(Object value) {
        List<?> rows = (List<?>) value;
        double[][] out = new double[rows.size()][];
        for (int l = 0; l < out.length; l++) {
            List<?> row = (List<?>) rows.get(l);
            out[l] = new double[row.size()];
            for (int h = 0; h < row.size(); h++) out[l][h] = ((Number) row.get(h)).doubleValue();
        }
        return out;
    }

    private static double number(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }
}
