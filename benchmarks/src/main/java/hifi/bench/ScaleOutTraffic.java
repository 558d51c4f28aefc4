package hifi.bench;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.param.Gradients;
import hifi.engine.tensor.Tensor;
import hifi.method.methods.Method;
import hifi.method.methods.MethodSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What data-parallel training on a cluster moves per step for BERT-base, by method, and a projection of the step time
 * on N executors. Each executor computes one micro-batch: the driver sends it the trainable slices (4 bytes each) and
 * gets back their gradients (4 bytes each); the frozen weights travel once, with the model broadcast. The driver's
 * aggregation per micro-batch (copying the gradients in and adding them with their weight, as the Spark executor and
 * the trainer do) is measured here on BERT-base's real slice layout.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar hifi.bench.ScaleOutTraffic \
 *     [--threads 2] [--overhead-ms 60] [--step-seconds hifi=8.94,full=13.02,bitfit=9.21] [--gbit 10]
 * }</pre>
 * The projection: {@code step(N) = compute / N + overhead + N · (aggregation + 2 · slices / bandwidth)}, where
 * {@code compute} is the measured single-machine step (the batch split N ways), {@code overhead} Spark's per-step
 * cost measured in local mode (scheduling, the slice broadcast, collecting) and the traffic passes the driver's link.
 */
public final class ScaleOutTraffic {
    private ScaleOutTraffic() {
    }

    public static void main(String[] args) {
        int threads = 2;
        double overheadMs = 60, gbit = 10;
        Map<String, Double> stepSeconds = new LinkedHashMap<>(Map.of("hifi", 8.94, "full", 13.02, "bitfit", 9.21));
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--overhead-ms" -> overheadMs = Double.parseDouble(args[i + 1]);
                case "--gbit" -> gbit = Double.parseDouble(args[i + 1]);
                case "--step-seconds" -> {
                    for (String kv : args[i + 1].split(",")) stepSeconds.put(kv.split("=")[0], Double.parseDouble(kv.split("=")[1]));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        BertConfig cfg = BenchModels.bertBase(0.1f);
        Backend be = Backends.byName("simd", threads);
        BertForSequenceClassification model = BertForSequenceClassification.random(cfg, 1, be);
        long all = 0;
        for (var p : model.parameters()) all += p.value().numel();
        System.out.printf(Locale.ROOT, "# BERT-base, %,d parameters (%.1f MB broadcast once per executor); backend %s, %d threads; link %.0f Gbit/s%n",
                all, all * 4 / 1e6, be.name(), threads, gbit);
        System.out.println("method      trainable   up/executor MB   down/executor MB   aggregation ms/micro-batch");
        Map<String, double[]> measured = new LinkedHashMap<>();
        for (String method : List.of("hifi", "bitfit", "full")) {
            MethodSpec spec = switch (method) {
                case "hifi" -> MethodSpec.hifi(oneHeadPerLayer(cfg));
                default -> MethodSpec.of(Method.fromFlag(method));
            };
            Gradients total = model.allocateGradients(spec.trainable(cfg)), scratch = model.allocateGradients(spec.trainable(cfg));
            float[][] received = new float[scratch.slices().size()][];
            for (int i = 0; i < received.length; i++) received[i] = new float[scratch.slices().get(i).grad().numel()];
            double ms = aggregationMillis(be, total, scratch, received);
            double mb = total.bytes() / 1e6;
            measured.put(method, new double[] {total.bytes(), ms});
            System.out.printf(Locale.ROOT, "%-10s %,12d %16.2f %18.2f %28.2f%n", method, total.count(), mb, mb, ms);
        }
        System.out.printf(Locale.ROOT, "%n# projected step seconds: compute/N + %.0f ms overhead + N × (aggregation + 2 × slices / link)%n", overheadMs);
        System.out.print("N executors");
        for (String m : measured.keySet()) System.out.printf(Locale.ROOT, " %14s", m);
        System.out.println();
        for (int n : new int[] {1, 2, 4, 8, 16, 32}) {
            System.out.printf(Locale.ROOT, "%11d", n);
            for (var e : measured.entrySet()) {
                double bytes = e.getValue()[0], agg = e.getValue()[1] / 1e3;
                double step = stepSeconds.get(e.getKey()) / n + overheadMs / 1e3 + n * (agg + 2 * bytes * 8 / (gbit * 1e9));
                System.out.printf(Locale.ROOT, " %14.3f", step);
            }
            System.out.println();
        }
    }

    /** HiFi with k = 1: head {@code l mod H} of each layer (which head does not change the sizes). */
    static boolean[][] oneHeadPerLayer(BertConfig cfg) {
        boolean[][] mask = new boolean[cfg.numHiddenLayers()][cfg.numAttentionHeads()];
        for (int l = 0; l < mask.length; l++) mask[l][l % cfg.numAttentionHeads()] = true;
        return mask;
    }

    /** Median over 7 runs of one micro-batch's aggregation: its received gradients copied in and added with weight ½. */
    static double aggregationMillis(Backend be, Gradients total, Gradients scratch, float[][] received) {
        double[] times = new double[7];
        for (int rep = -2; rep < times.length; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < received.length; i++) {
                Tensor into = scratch.slices().get(i).grad();
                be.copy(Tensor.of(received[i], into.shape()), into);
                be.axpy(0.5f, into, total.slices().get(i).grad());
            }
            if (rep >= 0) times[rep] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(times);
        return times[times.length / 2];
    }
}
