package hifi.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.backend.PassScope;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.data.Batch;
import hifi.engine.io.Json;
import hifi.engine.param.Gradients;
import hifi.engine.param.Trainable;
import hifi.engine.runtime.WorkerPool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Java side of {@code benchmarks/compare-bert.sh}: BERT-base (random weights, fp32, dropout off) at B×T tokens.
 * Times our forward, our forward+backward with everything trainable, our forward+backward with one head per layer
 * trainable (HiFi, k = 1, plus pooler and classifier), and ONNX Runtime Java's forward of the same architecture
 * (exported by {@code torch_bert_bench.py}); reads PyTorch's numbers from that script's JSON: {@code --torch} from its
 * full mode, {@code --torch-hifi} from its hifi mode with one head per layer (the same tensors trainable, the whole
 * weight gradients computed and masked by hooks). Prints a table and, last,
 * {@code fwd/ORT: x train/PyTorch: y hifi/full: z hifi/PyTorch-hifi: w}.
 *
 * <p>Usage: {@code BertBench --threads N --onnx model.onnx --torch torch.json [--torch-hifi torch-hifi.json] [--batch 8]
 * [--seq 128] [--reps 5] [--warmup 2]}
 */
public final class BertBench {
    private BertBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args, "BertBench --threads N --onnx model.onnx --torch torch.json [--torch-hifi torch-hifi.json]"
                + " [--batch 8] [--seq 128] [--reps 5] [--warmup 2]", List.of("threads", "onnx", "torch", "torch-hifi", "batch", "seq", "reps", "warmup"));
        int threads = a.integer("threads", WorkerPool.defaultThreads());
        int b = a.integer("batch", 8), t = a.integer("seq", 128);
        int reps = a.integer("reps", 5), warmup = a.integer("warmup", 2);
        Map<String, Object> torch = json(a, "torch");
        Map<String, Object> torchHifi = json(a, "torch-hifi");
        if (!torchHifi.isEmpty() && number(torchHifi.get("heads_per_layer")) != 1) {
            throw new IllegalArgumentException("--torch-hifi " + a.get("torch-hifi", null) + ": heads_per_layer is "
                    + torchHifi.get("heads_per_layer") + ", this benchmark's HiFi step trains one head per layer");
        }
        Backend be = Backends.current();
        be.workers().setThreads(threads);

        BertConfig cfg = BenchModels.bertBase(0f);
        BertForSequenceClassification model = BertForSequenceClassification.random(cfg, 7, be);
        Batch batch = BenchModels.randomBatch(cfg, b, t, 11);
        int layers = cfg.numHiddenLayers(), heads = cfg.numAttentionHeads();
        Trainable full = Trainable.all(layers, heads);
        Trainable hifi = BenchModels.hifiOneHeadPerLayer(cfg);

        System.out.printf("# BERT-base random weights, B=%d T=%d fp32, backend %s, threads %d, JDK %s, reps %d after %d warm-ups%n",
                b, t, be.name(), threads, Runtime.version(), reps, warmup);
        double fwd = median(reps, warmup, () -> {
            try (PassScope scope = be.openPass()) {
                model.forward(batch, false, 0, null);
            }
        });
        double trainFull = median(reps, warmup, step(model, batch, model.allocateGradients(full)));
        double trainHifi = median(reps, warmup, step(model, batch, model.allocateGradients(hifi)));
        double ort = a.has("onnx") ? ortForward(Path.of(a.get("onnx", null)), batch, threads, reps, warmup) : Double.NaN;
        double torchFwd = number(torch.get("forward_ms")), torchTrain = number(torch.get("train_ms"));
        double torchHifiTrain = number(torchHifi.get("hifi_train_ms"));

        System.out.println("| measurement | median ms |");
        System.out.println("|---|---|");
        row("ours forward", fwd);
        row("ours forward+backward, full", trainFull);
        row("ours forward+backward, hifi k=1", trainHifi);
        row("ONNX Runtime Java forward", ort);
        row("PyTorch " + torch.getOrDefault("torch", "?") + " forward", torchFwd);
        row("PyTorch forward+backward", torchTrain);
        row("PyTorch forward+backward, hifi k=1 (whole dW, masked)", torchHifiTrain);
        System.out.printf("fwd/ORT: %.2f train/PyTorch: %.2f hifi/full: %.2f hifi/PyTorch-hifi: %.2f%n", fwd / ort, trainFull / torchTrain,
                trainHifi / trainFull, trainHifi / torchHifiTrain);
    }

    private static Runnable step(BertForSequenceClassification model, Batch batch, Gradients g) {
        return () -> {
            g.zero(model.backend());
            try (PassScope scope = model.backend().openPass()) {
                model.backward(model.forward(batch, true, 1, null), g);
            }
        };
    }

    private static double ortForward(Path onnx, Batch batch, int threads, int reps, int warmup) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession s = env.createSession(onnx.toString(), o);
                 OnnxTensor ids = longs(env, batch.ids(), batch);
                 OnnxTensor types = longs(env, batch.tokenTypes(), batch);
                 OnnxTensor mask = longs(env, batch.attentionMask(), batch)) {
                Map<String, OnnxTensor> in = Map.of("input_ids", ids, "token_type_ids", types, "attention_mask", mask);
                return median(reps, warmup, () -> {
                    try (OrtSession.Result r = s.run(in)) {
                        if (r.size() != 1) throw new IllegalStateException("ORT returned " + r.size() + " outputs");
                    } catch (OrtException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
    }

    private static OnnxTensor longs(OrtEnvironment env, int[] v, Batch batch) throws OrtException {
        long[][] m = new long[batch.batch()][batch.seqLen()];
        for (int i = 0; i < v.length; i++) m[i / batch.seqLen()][i % batch.seqLen()] = v[i];
        return OnnxTensor.createTensor(env, m);
    }

    static double median(int reps, int warmup, Runnable r) {
        for (int i = 0; i < warmup; i++) r.run();
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[reps / 2];
    }

    private static void row(String what, double ms) {
        System.out.printf("| %s | %.0f |%n", what, ms);
    }

    private static Map<String, Object> json(BenchArgs a, String flag) throws IOException {
        return a.has(flag) ? Json.parseObject(Files.readString(Path.of(a.get(flag, null)))) : Map.of();
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

}
