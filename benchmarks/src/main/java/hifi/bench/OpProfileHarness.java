package hifi.bench;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.backend.PassScope;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.data.Batch;
import hifi.engine.param.Gradients;
import hifi.engine.param.Trainable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the time of a BERT-base forward or forward+backward goes, op by op: wraps the process backend in a
 * {@link TimingBackend}, runs warm-up passes, then sums each bucket over the measured passes and prints a table sorted
 * by time, with GFLOP/s for the GEMM buckets and the share of the pass. Complements a JFR profile (which cannot see
 * allocation or GC time) and is what the engine's optimisation work is steered by.
 *
 * <p>Usage: {@code OpProfileHarness [--threads N] [--batch 8] [--seq 128] [--reps 3] [--warmup 2] [--pass forward|full|hifi]}
 */
public final class OpProfileHarness {
    private OpProfileHarness() {
    }

    public static void main(String[] args) {
        BenchArgs a = new BenchArgs(args, "OpProfileHarness [--threads N] [--batch 8] [--seq 128] [--reps 3] [--warmup 2]"
                + " [--pass forward|full|hifi]", List.of("threads", "batch", "seq", "reps", "warmup", "pass"));
        Backend base = Backends.current();
        base.workers().setThreads(a.integer("threads", base.workers().threads()));
        int b = a.integer("batch", 8), t = a.integer("seq", 128), reps = a.integer("reps", 3), warmup = a.integer("warmup", 2);
        String pass = a.get("pass", "full");
        TimingBackend be = new TimingBackend(base);
        BertConfig cfg = BenchModels.bertBase(0f);
        BertForSequenceClassification model = BertForSequenceClassification.random(cfg, 7, be);
        Batch batch = BenchModels.randomBatch(cfg, b, t, 11);
        Runnable run = switch (pass) {
            case "forward" -> () -> {
                try (PassScope scope = be.openPass()) {
                    model.forward(batch, false, 0, null);
                }
            };
            case "full", "hifi" -> {
                Gradients g = model.allocateGradients(pass.equals("full") ? Trainable.all(cfg.numHiddenLayers(), cfg.numAttentionHeads())
                        : BenchModels.hifiOneHeadPerLayer(cfg));
                yield () -> {
                    g.zero(model.backend());
                    try (PassScope scope = be.openPass()) {
                        model.backward(model.forward(batch, true, 1, null), g);
                    }
                };
            }
            default -> throw new IllegalArgumentException("--pass must be forward, full or hifi, not " + pass);
        };
        for (int i = 0; i < warmup; i++) run.run();
        be.reset();
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) run.run();
        double totalMs = (System.nanoTime() - t0) / 1e6 / reps;
        print(be.buckets(), reps, totalMs, String.format(Locale.ROOT, "%s pass, B=%d T=%d, threads %d, %d reps", pass, b, t,
                be.workers().threads(), reps));
    }

    private static void print(Map<String, long[]> buckets, int reps, double totalMs, String title) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(buckets.entrySet());
        rows.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]));
        double opsMs = 0;
        long flops = 0;
        for (long[] v : buckets.values()) flops += v[2];
        System.out.printf(Locale.ROOT, "# %s: %.1f ms per pass%n", title, totalMs);
        System.out.printf(Locale.ROOT, "%-52s %9s %7s %6s %9s%n", "op", "ms/pass", "share", "calls", "GFLOP/s");
        for (var e : rows) {
            long[] v = e.getValue();
            double ms = v[0] / 1e6 / reps;
            opsMs += ms;
            String rate = v[2] > 0 ? String.format(Locale.ROOT, "%9.1f", v[2] / (v[0] / 1e9) / 1e9) : "";
            System.out.printf(Locale.ROOT, "%-52s %9.1f %6.1f%% %6d %s%n", e.getKey(), ms, 100 * ms / totalMs, v[1] / reps, rate);
        }
        System.out.printf(Locale.ROOT, "%-52s %9.1f %6.1f%%%n", "(outside any op: model code, GC)", totalMs - opsMs, 100 * (totalMs - opsMs) / totalMs);
        System.out.printf(Locale.ROOT, "GEMM work per pass: %.2f GFLOP%n", flops / 1e9 / reps);
    }
}
