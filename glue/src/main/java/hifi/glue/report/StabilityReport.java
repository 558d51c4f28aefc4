package hifi.glue.report;

import hifi.engine.io.AtomicFiles;
import hifi.engine.io.Json;
import hifi.glue.io.MarkdownTable;
import hifi.glue.tasks.GlueTask;
import hifi.method.scoring.HeadId;
import hifi.method.select.HeadsJson;
import hifi.method.select.SelectionConfig;
import hifi.method.stability.RankingAgreement;
import hifi.method.stability.SelectionRecord;
import hifi.method.stability.StabilityRun;
import hifi.method.stability.TaskStability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of a selection-stability study: {@code stability.md} (tables) and {@code stability.json} (every number,
 * every pair), both written atomically. Undefined values (τ of a constant ranking) are {@code —} and {@code null}.
 */
public final class StabilityReport {
    public static final String MARKDOWN = "stability.md", JSON = "stability.json";

    private StabilityReport() {
    }

    /** Writes both files into {@code outDir} and returns their paths (markdown, JSON). */
    public static List<Path> write(StabilityRun.Results r, Path outDir) throws IOException {
        Path md = outDir.resolve(MARKDOWN), json = outDir.resolve(JSON);
        AtomicFiles.writeString(json, Json.pretty(json(r)));
        AtomicFiles.writeString(md, markdown(r));
        return List.of(md, json);
    }

    public static String markdown(StabilityRun.Results r) {
        var plan = r.plan();
        int largest = plan.sizes().getLast();
        long first = plan.seeds().getFirst();
        StringBuilder sb = new StringBuilder("# Head-selection stability: ").append(r.model()).append("\n\n");
        sb.append("Selection settings: ").append(settings(plan.base())).append(". Each task's selection is repeated with the calibration ")
                .append("seeds ").append(join(plan.seeds())).append(" at the sample sizes ").append(join(plan.sizes()))
                .append(" (training split). A seed fixes the draw order, so a smaller sample is the start of the larger one with the same seed.\n\n")
                .append("- **τ layer**: Kendall τ-b between two selections' head scores within a layer, averaged over the layers; ")
                .append("**τ all**: τ-b over all heads of the model at once; **top-1**: the fraction of layers whose best head is the same.\n")
                .append("- **split-half τ**: each selection's own check (τ layer between its sample's two halves), averaged over the seeds.\n\n");
        sb.append("## Across seeds\n\nMean over the ").append(pairs(plan.seeds().size())).append(" pairs of seeds at each sample size ")
                .append("(min: the least-agreeing pair's τ layer).\n\n");
        MarkdownTable across = new MarkdownTable(List.of("task", "samples", "τ layer", "τ layer min", "τ all", "top-1", "split-half τ"), 1);
        for (TaskStability t : r.tasks()) {
            for (int s = 0; s < t.sizes().size(); s++) {
                List<TaskStability.Pair> pairs = t.acrossSeeds(s);
                RankingAgreement a = TaskStability.average(pairs);
                double min = pairs.stream().mapToDouble(p -> p.agreement().meanLayerTau()).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
                across.row(List.of(taskName(t), Integer.toString(t.sizes().get(s)), f(a.meanLayerTau()), f(min), f(a.globalTau()),
                        f(a.topOne()), f(halfTau(t, s))));
            }
        }
        sb.append(across.render()).append('\n');
        sb.append("## Against the largest sample\n\nEach seed's selection against the same seed's at ").append(largest)
                .append(" examples (nested samples), mean over the seeds.\n\n");
        MarkdownTable against = new MarkdownTable(List.of("task", "samples", "vs", "τ layer", "τ all", "top-1"), 1);
        for (TaskStability t : r.tasks()) {
            for (int s = 0; s < t.sizes().size() - 1; s++) {
                RankingAgreement a = TaskStability.average(t.againstLargest(s));
                against.row(List.of(taskName(t), Integer.toString(t.sizes().get(s)), Integer.toString(largest), f(a.meanLayerTau()),
                        f(a.globalTau()), f(a.topOne())));
            }
        }
        sb.append(against.size() == 0 ? "(one sample size only)\n" : against.render()).append('\n');
        sb.append("## τ per layer across seeds at ").append(largest).append(" examples\n\n").append(perLayer(r.tasks())).append('\n');
        sb.append("## The heads chosen and their overlap between tasks\n\nThe heads selected with ").append(largest)
                .append(" examples and seed ").append(first).append(" (`layer:head`), and the Jaccard index |A ∩ B| / |A ∪ B| of ")
                .append("every two tasks' head sets.\n\n");
        MarkdownTable heads = new MarkdownTable(List.of("task", "heads"), 2);
        for (TaskStability t : r.tasks()) heads.row(List.of(taskName(t), headList(t.referenceHeads())));
        sb.append(heads.render()).append('\n').append(overlapTable(r.tasks()));
        double seconds = r.tasks().stream().flatMap(t -> t.records().stream()).flatMap(List::stream).mapToDouble(SelectionRecord::seconds).sum();
        sb.append(String.format(Locale.ROOT, "%nSelection time (the selections computed or read back): %.1f min.%n", seconds / 60));
        return sb.toString();
    }

    private static String perLayer(List<TaskStability> tasks) {
        int layers = tasks.getFirst().record(0, 0).scores().length;
        List<String> header = new ArrayList<>(List.of("task"));
        for (int l = 0; l < layers; l++) header.add("L" + l);
        MarkdownTable t = new MarkdownTable(header, 1);
        for (TaskStability task : tasks) {
            double[] tau = TaskStability.average(task.acrossSeeds(task.sizes().size() - 1)).layerTau();
            List<String> row = new ArrayList<>(List.of(taskName(task)));
            for (double v : tau) row.add(String.format(Locale.ROOT, Double.isNaN(v) ? "—" : "%.2f", v));
            t.row(row);
        }
        return t.render();
    }

    private static String overlapTable(List<TaskStability> tasks) {
        double[][] jaccard = TaskStability.overlaps(tasks);
        List<String> header = new ArrayList<>(List.of("Jaccard"));
        for (TaskStability t : tasks) header.add(taskName(t));
        MarkdownTable table = new MarkdownTable(header, 1);
        for (int i = 0; i < tasks.size(); i++) {
            List<String> row = new ArrayList<>(List.of(taskName(tasks.get(i))));
            for (double v : jaccard[i]) row.add(String.format(Locale.ROOT, "%.2f", v));
            table.row(row);
        }
        return table.render();
    }

    public static Map<String, Object> json(StabilityRun.Results r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "hifi-stability/1");
        root.put("model", r.model());
        Map<String, Object> configuration = new LinkedHashMap<>(HeadsJson.configuration(r.plan().base()));
        configuration.remove("samples");
        configuration.remove("seed");
        root.put("configuration", configuration);
        root.put("sample_sizes", r.plan().sizes());
        root.put("seeds", r.plan().seeds());
        List<Object> tasks = new ArrayList<>();
        for (TaskStability t : r.tasks()) tasks.add(taskJson(t));
        root.put("tasks", tasks);
        Map<String, Object> overlap = new LinkedHashMap<>();
        overlap.put("samples", r.plan().sizes().getLast());
        overlap.put("seed", r.plan().seeds().getFirst());
        overlap.put("tasks", r.tasks().stream().map(TaskStability::task).toList());
        overlap.put("jaccard", TaskStability.overlaps(r.tasks()));
        root.put("overlap", overlap);
        return root;
    }

    private static Map<String, Object> taskJson(TaskStability t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", t.task());
        List<Object> selections = new ArrayList<>();
        for (List<SelectionRecord> row : t.records()) {
            for (SelectionRecord s : row) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("samples", s.samples());
                j.put("seed", s.seed());
                j.put("selected", s.selected().stream().map(h -> List.of(h.layer(), h.head())).toList());
                j.put("split_half_tau", s.halfTau());
                j.put("seconds", s.seconds());
                selections.add(j);
            }
        }
        m.put("selections", selections);
        List<Object> across = new ArrayList<>(), against = new ArrayList<>();
        for (int s = 0; s < t.sizes().size(); s++) {
            across.add(comparison(t.sizes().get(s), t.acrossSeeds(s)));
            if (s < t.sizes().size() - 1) against.add(comparison(t.sizes().get(s), t.againstLargest(s)));
        }
        m.put("across_seeds", across);
        m.put("against_largest", against);
        return m;
    }

    private static Map<String, Object> comparison(int size, List<TaskStability.Pair> pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", size);
        m.put("mean", agreement(TaskStability.average(pairs), true));
        List<Object> list = new ArrayList<>();
        for (TaskStability.Pair p : pairs) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("a", Map.of("samples", p.sizeA(), "seed", p.seedA()));
            j.put("b", Map.of("samples", p.sizeB(), "seed", p.seedB()));
            j.putAll(agreement(p.agreement(), false));
            list.add(j);
        }
        m.put("pairs", list);
        return m;
    }

    private static Map<String, Object> agreement(RankingAgreement a, boolean perLayer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tau_layer_mean", a.meanLayerTau());
        m.put("tau_all_heads", a.globalTau());
        m.put("top1_agreement", a.topOne());
        if (perLayer) m.put("tau_per_layer", a.layerTau());
        return m;
    }

    private static double halfTau(TaskStability t, int sizeIndex) {
        double[] v = t.records().get(sizeIndex).stream().mapToDouble(SelectionRecord::halfTau).filter(x -> !Double.isNaN(x)).toArray();
        return v.length == 0 ? Double.NaN : java.util.Arrays.stream(v).average().orElseThrow();
    }

    private static String settings(SelectionConfig c) {
        return String.format(Locale.ROOT, "method %s, variant %s, graph scope %s, richness %s, correlation %s, k %d (%s, %s), max length %d",
                c.method(), c.variant(), c.scope().label(), c.richness().name(), c.correlation().name(), c.k(),
                c.globalSelection() ? "global" : "per layer", c.lowest() ? "lowest" : "top", c.maxLength());
    }

    private static String taskName(TaskStability t) {
        return GlueTask.displayName(t.task());
    }

    private static String headList(List<HeadId> heads) {
        StringBuilder sb = new StringBuilder();
        for (HeadId h : heads) sb.append(sb.isEmpty() ? "" : " ").append(h.layer()).append(':').append(h.head());
        return sb.toString();
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String join(List<?> values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) sb.append(sb.isEmpty() ? "" : ", ").append(v);
        return sb.toString();
    }

    private static int pairs(int n) {
        return n * (n - 1) / 2;
    }
}
