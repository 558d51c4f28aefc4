package hifi.method.select;

import hifi.engine.io.AtomicFiles;
import hifi.engine.io.Json;
import hifi.method.scoring.HeadId;
import hifi.method.scoring.HeadScores;
import hifi.method.scoring.HeadStatistics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code heads.json}: the configuration, the selected heads, per-head richness, the correlation matrices, the
 * PageRank scores and iteration counts, the calibration sample ids, the timings and the stability τ of one selection.
 * Matrices are nested arrays indexed {@code [layer][head]} (and {@code [layer][head][head]}); a global correlation
 * matrix is indexed by {@code layer·H + head}. Undefined numbers (τ of a constant ranking) are {@code null}.
 */
public final class HeadsJson {
    /** The value of the top-level {@code format} field. */
    public static final String FORMAT = "hifi-heads/1";

    private HeadsJson() {
    }

    public static Map<String, Object> toJson(SelectionResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("model", r.model());
        root.put("task", r.task());
        root.put("layers", r.layers());
        root.put("heads", r.heads());
        root.put("configuration", configuration(r.config()));

        List<Object> selected = new ArrayList<>();
        for (HeadId h : r.selected()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", h.layer());
            m.put("head", h.head());
            selected.add(m);
        }
        root.put("selected_heads", selected);
        root.put("selected_mask", mask(r));

        HeadStatistics s = r.statistics();
        root.put("information", s.information());
        root.put("correlation", s.correlation());
        if (s.globalCorrelation() != null) root.put("global_correlation", s.globalCorrelation());
        root.put("scores", r.scores().scores());
        root.put("pagerank", runs(r.scores()));

        Map<String, Object> stability = new LinkedHashMap<>();
        stability.put("halves", List.of(r.sampleIds().size() / 2, r.sampleIds().size() - r.sampleIds().size() / 2));
        stability.put("kendall_tau_per_layer", r.stabilityTau());
        stability.put("kendall_tau_mean", r.meanStabilityTau());
        stability.put("threshold", SelectionResult.STABLE_TAU);
        stability.put("unstable_layers", r.unstableLayers());
        stability.put("half_scores", List.of(r.halfScores().get(0).scores(), r.halfScores().get(1).scores()));
        root.put("stability", stability);

        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("count", r.sampleIds().size());
        samples.put("seed", r.config().seed());
        samples.put("ids", r.sampleIds());
        root.put("samples", samples);

        Map<String, Object> t = new LinkedHashMap<>();
        t.put("forward", r.timings().forwardSeconds());
        t.put("statistics", r.timings().statisticsSeconds());
        t.put("pagerank", r.timings().pageRankSeconds());
        t.put("total", r.timings().totalSeconds());
        root.put("timings_seconds", t);
        return root;
    }

    /** Writes {@code heads.json} atomically (temp file + rename). */
    public static void write(SelectionResult r, Path file) throws IOException {
        byte[] bytes = Json.pretty(toJson(r)).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, tmp -> Files.write(tmp, bytes));
    }

    /** The {@code configuration} object of {@code heads.json}: every setting of {@code c}. */
    public static Map<String, Object> configuration(SelectionConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", c.method());
        m.put("samples", c.samples());
        m.put("batch_size", c.batchSize());
        m.put("max_length", c.maxLength());
        m.put("seed", c.seed());
        m.put("k", c.k());
        m.put("selection", c.globalSelection() ? "global" : "layer");
        m.put("order", c.lowest() ? "lowest" : "top");
        m.put("variant", c.variant().name());
        m.put("scope", c.scope().label());
        m.put("normalise_information", c.normaliseInformation());
        m.put("richness", c.richness().name());
        m.put("correlation", c.correlation().name());
        m.put("damping", c.pageRank().damping());
        m.put("tolerance", c.pageRank().tolerance());
        m.put("max_iterations", c.pageRank().maxIterations());
        return m;
    }

    private static List<Object> mask(SelectionResult r) {
        boolean[][] mask = new boolean[r.layers()][r.heads()];
        for (HeadId h : r.selected()) mask[h.layer()][h.head()] = true;
        List<Object> rows = new ArrayList<>();
        for (boolean[] row : mask) {
            List<Object> l = new ArrayList<>();
            for (boolean b : row) l.add(b);
            rows.add(l);
        }
        return rows;
    }

    private static Map<String, Object> runs(HeadScores scores) {
        List<Object> runs = new ArrayList<>();
        for (HeadScores.GraphRun run : scores.runs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("graph", run.graph());
            m.put("iterations", run.iterations());
            m.put("converged", run.converged());
            runs.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", runs);
        out.put("all_converged", scores.allConverged());
        return out;
    }
}
