package hifi.bench;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.backend.PassScope;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.bert.RandomWeights;
import hifi.engine.data.Batch;
import hifi.engine.param.Gradients;
import hifi.engine.param.Trainable;
import hifi.engine.runtime.CounterRng;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.train.AdamW;
import hifi.engine.train.GradientNorm;
import hifi.method.methods.HeadMasks;
import hifi.method.methods.Method;
import hifi.method.methods.MethodSpec;
import hifi.method.methods.ParameterCounts;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times one complete training step (forward in train mode with dropout, backward of the trainable slices, global
 * gradient norm, AdamW update: what {@link hifi.engine.train.Trainer} does per update) of BERT-base with random weights
 * for each method, and reports the median step time, the peak heap during that method's steps and the optimiser and
 * gradient bytes. The last line is the {@code hifi/full} step-time ratio (issue target ≤ 0.6 at B=32, T=128, 2 threads).
 *
 * <p>Usage: {@code TrainStepBench [--threads N] [--batch 32] [--seq 128] [--reps 5] [--warmup 2]
 * [--methods hifi,full,bitfit,linear-probe,lora-r8] [--size base|small|bge-small]}; {@code small} (4 layers, hidden 256, 4
 * heads) is for a quick sanity run, {@code bge-small} is bge-small-en-v1.5's shape (12 layers, hidden 384, 12 heads);
 * {@code lora-rN} is LoRA of rank N with alpha 2N on query and value, on a model of the same base weights; {@code hifi-kN}
 * is HiFi with N heads per layer. {@code hifi} trains one head per layer ({@code k = 1}, seeded draw: the position does not change
 * the cost) with its Q/K/V blocks, biases and {@code W_O} block, plus pooler and classifier. The backend is the process
 * default ({@code -Dhifi.backend}). Run with a heap large enough for full fine-tuning (e.g. {@code -Xmx16g}).
 */
public final class TrainStepBench {
    private TrainStepBench() {
    }

    public static void main(String[] args) {
        BenchArgs a = new BenchArgs(args, "TrainStepBench [--threads N] [--batch 32] [--seq 128] [--reps 5] [--warmup 2]"
                + " [--methods hifi,full,bitfit,linear-probe,lora-r8] [--size base|small|bge-small]",
                List.of("threads", "batch", "seq", "reps", "warmup", "methods", "size"));
        int threads = a.integer("threads", WorkerPool.defaultThreads());
        int b = a.integer("batch", 32), t = a.integer("seq", 128);
        int reps = a.integer("reps", 5), warmup = a.integer("warmup", 2);
        List<String> methods = List.of(a.get("methods", "hifi,full,bitfit,linear-probe").split(","));
        BertConfig cfg = switch (a.get("size", "base")) {
            case "small" -> BenchModels.bert(4, 256, 4, 0.1f);
            case "bge-small" -> BenchModels.bert(12, 384, 12, 0.1f);
            default -> BenchModels.bertBase(0.1f);
        };
        Backend be = Backends.current();
        be.workers().setThreads(threads);
        BertForSequenceClassification model = BertForSequenceClassification.random(cfg, 7, be);
        Batch batch = BenchModels.randomBatch(cfg, b, t, 11);
        System.out.printf(Locale.ROOT, "# train step: %d layers, hidden %d, B=%d T=%d fp32, dropout 0.1, backend %s, threads %d, JDK %s, %d reps after %d warm-ups, max heap %d MB%n",
                cfg.numHiddenLayers(), cfg.hiddenSize(), b, t, be.name(), threads, Runtime.version(), reps, warmup,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "%-13s %13s %9s %10s %10s %12s %12s %14s%n", "method", "trainable", "%", "median s",
                "min s", "optimizer MB", "gradient MB", "peak heap MB");
        // One untimed step of every method first, so that no method pays for compiling the kernels the others share.
        for (String name : methods) measure(modelFor(name, model, cfg, be), batch, specFor(name, cfg).trainable(cfg), 1, 0);
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String name : methods) {
            MethodSpec spec = specFor(name, cfg);
            Trainable trainable = spec.trainable(cfg);
            BertForSequenceClassification m = modelFor(name, model, cfg, be);
            ParameterCounts counts = ParameterCounts.of(m.parameters(), trainable, cfg.headSize());
            Result r = measure(m, batch, trainable, reps, warmup);
            medians.put(name, r.median);
            System.out.printf(Locale.ROOT, "%-13s %,13d %9.4f %10.3f %10.3f %12.1f %12.1f %14.1f%n", name, counts.trainable(),
                    counts.percent(), r.median, r.min, r.optimizerBytes / 1048576.0, r.gradientBytes / 1048576.0, r.peakHeapBytes / 1048576.0);
        }
        if (medians.containsKey("hifi") && medians.containsKey("full")) {
            System.out.printf(Locale.ROOT, "hifi/full step time: %.3f%n", medians.get("hifi") / medians.get("full"));
        }
    }

    record Result(double median, double min, long optimizerBytes, long gradientBytes, long peakHeapBytes) {
    }

    /** Allocates the method's gradients and optimiser, warms up, then times {@code reps} steps. */
    static Result measure(BertForSequenceClassification model, Batch batch, Trainable trainable, int reps, int warmup) {
        System.gc();
        resetPeaks();
        Gradients g = model.allocateGradients(trainable);
        AdamW opt = new AdamW(g, AdamW.Settings.defaults(0.01f));
        double[] seconds = new double[reps];
        for (int i = -warmup; i < reps; i++) {
            long t0 = System.nanoTime();
            g.zero(model.backend());
            try (PassScope scope = model.backend().openPass()) {
                model.backward(model.forward(batch, true, CounterRng.derive(1, i + warmup), null), g);
            }
            double norm = GradientNorm.global(model.backend(), g);
            opt.step(model.backend(), 1e-5f, GradientNorm.clipFactor(norm, 1.0));
            if (i >= 0) seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        long peak = peakHeap();
        Arrays.sort(seconds);
        return new Result(seconds[reps / 2], seconds[0], opt.stateBytes(), g.bytes(), peak);
    }

    /**
     * {@code lora-rN}: peft's default LoRA (query, value) of rank N with alpha 2N; {@code hifi-kN}: N heads per layer
     * (seeded draw); any other name is a {@link Method} flag.
     */
    static MethodSpec specFor(String name, BertConfig cfg) {
        if (name.startsWith("hifi-k")) return MethodSpec.hifi(heads(cfg, Integer.parseInt(name.substring("hifi-k".length()))));
        if (!name.startsWith("lora-r")) return spec(Method.fromFlag(name), cfg);
        int r = Integer.parseInt(name.substring("lora-r".length()));
        return MethodSpec.lora(MethodSpec.loraConfig(r, 2.0 * r, 0.1, "query,value"));
    }

    /** The shared model, or for a LoRA method one with its factors (the same random base weights). */
    private static BertForSequenceClassification modelFor(String name, BertForSequenceClassification shared, BertConfig cfg, Backend be) {
        MethodSpec spec = specFor(name, cfg);
        return spec.lora() == null ? shared : new BertForSequenceClassification(cfg, new RandomWeights(7, 0.02f), be, spec.lora());
    }

    static MethodSpec spec(Method m, BertConfig cfg) {
        return switch (m) {
            case HIFI -> MethodSpec.hifi(heads(cfg, 1));
            case RANDOM_HEADS -> MethodSpec.randomHeads(cfg, 1, 3);
            case INFO_ONLY, CORR_ONLY -> MethodSpec.ablation(m, heads(cfg, 1));
            default -> MethodSpec.of(m);
        };
    }

    /** {@code k} heads per layer, a seeded draw (which heads does not change the cost). */
    private static boolean[][] heads(BertConfig cfg, int k) {
        return HeadMasks.random(cfg.numHiddenLayers(), cfg.numAttentionHeads(), k, 3);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }

    /** Sum of the heap pools' peak usage since {@link #resetPeaks} (an upper bound of the true simultaneous peak). */
    private static long peakHeap() {
        long s = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) s += p.getPeakUsage().getUsed();
        return s;
    }
}
