package hifi.glue.cli;

import hifi.engine.backend.Backend;
import hifi.engine.backend.PassScope;
import hifi.engine.backend.ResidentSet;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.bert.BertParameterGroups;
import hifi.engine.data.Batch;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import hifi.engine.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code bench}: a quick, honest look at this machine's speed with the current backend and thread count — GEMM
 * GFLOP/s on BERT's shapes and the time of a forward pass and of a training step (everything trainable, and HiFi's one
 * head per layer) of an all-MiniLM-L6-v2-shaped model with random weights. Each figure is the median of
 * {@code --reps} timed repetitions after a warm-up (two runs and half a second at least). The benchmarks module has the careful (JMH) measurements.
 */
@Command(name = "bench", description = "Quick self-benchmark: GEMM GFLOP/s and BERT forward/training-step times (random weights).")
public final class BenchCommand extends AppCommand {
    @Option(names = "--batch", paramLabel = "B", defaultValue = "16", description = "sequences per batch (default: ${DEFAULT-VALUE})")
    int b;

    @Option(names = "--seq", paramLabel = "T", defaultValue = "64", description = "tokens per sequence (default: ${DEFAULT-VALUE})")
    int t;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "384",
            description = "hidden size (all-MiniLM-L6-v2: 384; BERT-base: 768) (default: ${DEFAULT-VALUE})")
    int h;

    @Option(names = "--layers", paramLabel = "L", defaultValue = "6", description = "encoder layers (default: ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--heads", paramLabel = "N", defaultValue = "0",
            description = "attention heads (0: hidden / 32, as all-MiniLM-L6-v2; BERT-base: 12) (default: ${DEFAULT-VALUE})")
    int headsGiven;

    @Option(names = "--reps", paramLabel = "N", defaultValue = "3",
            description = "timed repetitions per figure (the median is shown) (default: ${DEFAULT-VALUE})")
    int reps;

    /** GEMMs per timed run (then one read that waits for them). */
    private static final int GEMMS_PER_RUN = 8;

    @Override
    protected int execute(Invocation run) {
        PrintStream out = run.out();
        int heads = headsGiven == 0 ? h / 32 : headsGiven;
        if (b < 1 || t < 2 || t > 512 || h < 64 || h % 64 != 0 || layers < 1 || reps < 1 || heads < 1 || h % heads != 0) {
            throw new UsageException("need --batch ≥ 1, --seq in 2..512, --hidden a multiple of 64, --layers ≥ 1, --reps ≥ 1, --heads dividing --hidden");
        }
        Backend be = run.backend();
        out.printf(Locale.ROOT, "backend %s, %d threads, JDK %s; median of %d runs after a warm-up%n", be.name(), be.workers().threads(),
                Runtime.version(), reps);
        int tokens = b * t;
        for (int[] mkn : List.of(new int[] {tokens, h, h}, new int[] {tokens, 4 * h, h}, new int[] {tokens, h, 4 * h})) {
            out.printf(Locale.ROOT, "GEMM %5d × %4d × %4d (tokens × out × in)   %7.1f GFLOP/s%n", mkn[0], mkn[1], mkn[2],
                    gemmGflops(be, mkn[0], mkn[1], mkn[2], reps));
        }
        BertConfig c = new BertConfig(30522, h, layers, heads, 4 * h, "gelu", 0.1f, 0.1f, 512, 2, 1e-12f, 0,
                List.of("LABEL_0", "LABEL_1"), "single_label_classification");
        BertForSequenceClassification model = BertForSequenceClassification.random(c, 7, be);
        Batch batch = batch(c, b, t);
        List<Tensor> weights = new ArrayList<>();
        for (Parameter p : model.parameters()) weights.add(p.value());
        double forward;
        try (ResidentSet resident = be.keepResident(weights)) {   // as in a run: a device keeps the weights between passes
            forward = median(reps, () -> {
                try (PassScope scope = be.openPass()) {
                    model.forward(batch, false, 0, null);
                }
            });
        }
        Trainable.Builder hb = Trainable.builder(layers, c.numAttentionHeads()).group(BertParameterGroups.CLASSIFIER).group(BertParameterGroups.POOLER);
        for (int l = 0; l < layers; l++) hb.head(l, 0);
        double full = timedSteps(model, batch, model.allocateGradients(Trainable.all(layers, c.numAttentionHeads())), weights, reps);
        double hifi = timedSteps(model, batch, model.allocateGradients(hb.build()), weights, reps);
        out.printf(Locale.ROOT, "BERT %d layers, hidden %d, %d heads, B=%d T=%d:%n", layers, h, c.numAttentionHeads(), b, t);
        out.printf(Locale.ROOT, "  forward (eval)                 %8.1f ms  (%.0f tokens/s)%n", forward * 1e3, tokens / forward);
        out.printf(Locale.ROOT, "  train step, full               %8.1f ms%n", full * 1e3);
        out.printf(Locale.ROOT, "  train step, HiFi k=1           %8.1f ms  (%.2f× full)%n", hifi * 1e3, hifi / full);
        return Exit.OK;
    }

    /**
     * Inside one pass, so that a device backend keeps the operands resident and the figure is the kernel's, not the
     * bus's. A device may queue launches (TornadoVM's chains), so each timed run is {@link #GEMMS_PER_RUN} products
     * followed by a read that waits for them (the sum of squares of {@code C}: one small download).
     */
    private static double gemmGflops(Backend be, int m, int n, int k, int reps) {
        Tensor a = random(be, 1, m, k), w = random(be, 2, n, k), c = be.allocate(m, n);
        try (PassScope scope = be.openPass()) {
            double seconds = median(reps, () -> {
                for (int i = 0; i < GEMMS_PER_RUN; i++) be.gemm(a, false, w, true, c, 1f, false, null);
                be.sumOfSquares(c);
            }) / GEMMS_PER_RUN;
            return 2.0 * m * n * k / seconds / 1e9;
        }
    }

    /** The median forward and backward into {@code g}, weights and gradients resident as in a training run. */
    private static double timedSteps(BertForSequenceClassification model, Batch batch, Gradients g, List<Tensor> weights, int reps) {
        List<Tensor> resident = new ArrayList<>(weights);
        for (Gradients.Slice s : g.slices()) resident.add(s.grad());
        Tensor smallest = g.slices().stream().map(Gradients.Slice::grad).min(Comparator.comparingInt(Tensor::numel)).orElseThrow();
        try (ResidentSet set = model.backend().keepResident(resident)) {
            return median(reps, () -> {
                g.zero(model.backend());
                try (PassScope scope = model.backend().openPass()) {
                    model.backward(model.forward(batch, true, 1, null), g);
                }
                model.backend().sumOfSquares(smallest);   // waits for a device's queued launches, as a run's norm does
            });
        }
    }

    /** Warms up (at least 2 runs and 0.5 s, so the JIT has compiled the kernels), then times {@code reps} runs. */
    private static double median(int reps, Runnable body) {
        long warm = System.nanoTime();
        for (int i = 0; i < 2 || System.nanoTime() - warm < 500_000_000L; i++) body.run();
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            body.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    private static Tensor random(Backend be, long seed, int rows, int cols) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[rows * cols];
        for (int i = 0; i < rows * cols; i++) d[i] = (float) (r.nextDouble() * 2 - 1);
        Tensor x = be.allocate(rows, cols);
        be.copy(Tensor.of(d, rows, cols), x);
        return x;
    }

    private static Batch batch(BertConfig c, int b, int t) {
        SplittableRandom r = new SplittableRandom(11);
        int[][] ids = new int[b][t];
        int[] labels = new int[b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) ids[i][j] = 1000 + r.nextInt(c.vocabSize() - 1000);
            labels[i] = r.nextInt(2);
        }
        return Batch.pad(ids, null, 0, labels, null);
    }
}
