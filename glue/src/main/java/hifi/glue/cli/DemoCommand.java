package hifi.glue.cli;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.bert.Batch;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.bert.RandomWeights;
import hifi.engine.train.Gradients;
import hifi.engine.train.Trainable;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code demo}: a real engine job in seconds. A tiny random BERT learns a synthetic task — each random sequence holds
 * one marker word, "bad" (id 2) or "good" (id 3), at a random position, and the label is the marker — with plain SGD
 * (learning rate 0.1, weights initialised N(0, 0.1) so that SGD moves fast without Adam), printing the loss and the
 * accuracy on a held-out set. A placeholder until the GLUE commands exist.
 */
final class DemoCommand extends FlagCommand {
    static final int VOCAB = 64, MAX_LEN = 16, BATCH = 16;

    DemoCommand() {
        super("hifi");
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    protected Flags flags() {
        return new Flags("demo", "train a tiny random BERT on a synthetic task and print the loss going down")
                .integer("steps", "N", "60", "SGD steps")
                .longInteger("seed", "S", "1", "seed of the weights, the data and dropout")
                .choice("backend", List.of("simd", "reference"), "simd", "compute backend")
                .bool("heads-only", "train one attention head per layer plus the task head (HiFi-style) instead of everything");
    }

    @Override
    protected int execute(FlagValues f, PrintStream out, PrintStream err) {
        int steps = f.integer("steps");
        long seed = f.longInteger("seed");
        boolean headsOnly = f.bool("heads-only");
        if (steps <= 0) throw new UsageException("--steps must be > 0");
        Backend be = Backends.byName(f.string("backend"));
        BertConfig config = new BertConfig(VOCAB, 64, 2, 4, 128, "gelu", 0.1f, 0.1f, MAX_LEN, 2, 1e-12f, 0,
                List.of("LABEL_0", "LABEL_1"), "single_label_classification");
        var model = new BertForSequenceClassification(config, new RandomWeights(seed, 0.1f), be);
        Trainable.Builder tb = Trainable.builder(config.numHiddenLayers(), config.numAttentionHeads());
        Trainable trainable = headsOnly
                ? tb.head(0, 0).head(1, 0).group(Trainable.Group.CLASSIFIER).group(Trainable.Group.POOLER).build()
                : tb.group(Trainable.Group.ALL).build();
        Gradients grads = model.allocateGradients(trainable);
        long total = model.parameters().stream().mapToLong(p -> p.value().numel()).sum();
        out.printf(Locale.ROOT, "tiny BERT: %d layers, hidden %d, %d heads; backend %s; trainable %d of %d parameters (%.2f %%)%n",
                config.numHiddenLayers(), config.hiddenSize(), config.numAttentionHeads(), be.name(), grads.count(), total,
                100.0 * grads.count() / total);

        SplittableRandom data = new SplittableRandom(seed + 1000);
        Batch heldOut = sample(data, 256);
        float lr = 0.1f;
        double running = Double.NaN;
        BertForSequenceClassification.ForwardPass last = null;
        for (int step = 1; step <= steps; step++) {
            Batch batch = sample(data, BATCH);
            grads.zero(be);
            var pass = model.forward(batch, true, seed * 1_000_003L + step, null);
            model.backward(pass, grads);
            for (Gradients.Slice s : grads.slices()) be.axpy(-lr, s.grad(), s.value());
            running = Double.isNaN(running) ? pass.loss() : 0.9 * running + 0.1 * pass.loss();
            if (step == 1 || step % 10 == 0 || step == steps) {
                out.printf(Locale.ROOT, "step %4d  loss %.4f  (smoothed %.4f)  held-out accuracy %.3f%n", step, pass.loss(), running,
                        accuracy(model, heldOut));
            }
            last = pass;
        }
        out.println("memory of the last step:");
        out.print(model.memoryReport(last, grads));
        return 0;
    }

    /** Sequences {@code [CLS]=1, w1 .. wn} of random words (ids ≥ 4), n in [2, MAX_LEN−1], one of them the marker. */
    static Batch sample(SplittableRandom r, int n) {
        int[][] ids = new int[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int len = 3 + r.nextInt(MAX_LEN - 3);
            ids[i] = new int[len];
            ids[i][0] = 1;
            for (int j = 1; j < len; j++) ids[i][j] = 4 + r.nextInt(VOCAB - 4);
            labels[i] = r.nextInt(2);
            ids[i][1 + r.nextInt(len - 1)] = 2 + labels[i];
        }
        return Batch.pad(ids, null, 0, labels, null);
    }

    static double accuracy(BertForSequenceClassification model, Batch batch) {
        var logits = model.predict(batch, null);
        int right = 0;
        for (int i = 0; i < batch.batch(); i++) {
            int pred = logits.get(i, 1) > logits.get(i, 0) ? 1 : 0;
            if (pred == batch.labels()[i]) right++;
        }
        return right / (double) batch.batch();
    }
}
