package hifi.bench;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertModel;
import hifi.engine.bert.RandomWeights;
import hifi.engine.data.Batch;
import hifi.engine.nn.HeadOutputListener;
import hifi.engine.nn.PassContext;
import hifi.method.scoring.CorrelationMeasure;
import hifi.method.scoring.RichnessMeasure;
import hifi.method.stats.HeadStatisticsAccumulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The cost of HiFi's statistics pass relative to a plain no-grad forward over the same calibration examples: times
 * {@code forward(listener = null)} and {@code forward(listener = statistics)} alternately, {@code runs} times each
 * after a warm-up, and prints the medians, their ratio and the time spent inside the listener.
 *
 * <p>The model has random weights (cost does not depend on the values) and the examples random token ids with
 * lengths drawn uniformly from {@code [minLen, maxLen]}, padded per batch to the longest, as the selector does.
 *
 * <p>With one thread ({@code threads = 1}) all work runs on the calling thread, and the harness also reports that
 * thread's CPU time, which other processes on a busy machine disturb far less than wall time.
 *
 * <p>With a GLUE pair file and a {@code vocab.txt} the examples are real instead: the calibration sample the selector
 * would draw (seed 42) from the file's rows ({@code index, sentence1, sentence2, label}, e.g. RTE's
 * {@code train.tsv}), tokenised as pairs and truncated to {@code maxLen}.
 *
 * <p>Usage: {@code SelectionOverheadHarness [base|minilm] [examples=256] [batch=32] [minLen=48] [maxLen=128]
 * [runs=3] [threads] [pairs.tsv vocab.txt]}; the backend is the process default ({@code -Dhifi.backend}).
 */
public final class SelectionOverheadHarness {
    private SelectionOverheadHarness() {
    }

    static BertConfig config(String preset) {
        return switch (preset) {
            case "base" -> BenchModels.bertBase(0.1f);
            case "minilm" -> BenchModels.bert(6, 384, 12, 0.1f);
            default -> throw new IllegalArgumentException("unknown preset \"" + preset + "\" (base or minilm)");
        };
    }

    public static void main(String[] args) {
        String preset = args.length > 0 ? args[0] : "base";
        int examples = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int minLen = args.length > 3 ? Integer.parseInt(args[3]) : 48;
        int maxLen = args.length > 4 ? Integer.parseInt(args[4]) : 128;
        int runs = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        BertConfig config = config(preset);
        Backend backend = Backends.current();
        if (args.length > 6) backend.workers().setThreads(Integer.parseInt(args[6]));
        BertModel model = new BertModel(config, new RandomWeights(1, 0.02f), "bert.");
        List<Batch> batches = args.length > 8
                ? pairBatches(java.nio.file.Path.of(args[7]), java.nio.file.Path.of(args[8]), examples, batchSize, maxLen)
                : batches(config, examples, batchSize, minLen, maxLen);
        long tokens = 0, padded = 0;
        for (Batch b : batches) {
            padded += b.tokens();
            for (int m : b.attentionMask()) tokens += m;
        }
        System.out.printf("# %d real tokens, %d with padding%n", tokens, padded);
        System.out.printf("# %s (%d layers, hidden %d), %d examples, batch %d, lengths %d..%d, backend %s, threads %d, JDK %s%n",
                preset, config.numHiddenLayers(), config.hiddenSize(), examples, batchSize, minLen, maxLen, backend.name(),
                backend.workers().threads(), Runtime.version());

        pass(model, backend, batches, null);                 // warm-up
        pass(model, backend, batches, accumulator(config, backend));
        double[] plain = new double[runs], withStats = new double[runs], inside = new double[runs];
        double[] plainCpu = new double[runs], withStatsCpu = new double[runs], insideCpu = new double[runs];
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < runs; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            plain[r] = pass(model, backend, batches, null);
            long c1 = mx.getCurrentThreadCpuTime();
            plainCpu[r] = (c1 - c0) * 1e-9;
            long[] listenerNanos = new long[2];
            HeadStatisticsAccumulator acc = accumulator(config, backend);
            HeadOutputListener timed = (layer, ctx, mask) -> {
                long t0 = System.nanoTime(), cpu0 = mx.getCurrentThreadCpuTime();
                acc.onContext(layer, ctx, mask);
                listenerNanos[0] += System.nanoTime() - t0;
                listenerNanos[1] += mx.getCurrentThreadCpuTime() - cpu0;
            };
            long c2 = mx.getCurrentThreadCpuTime();
            withStats[r] = pass(model, backend, batches, timed);
            withStatsCpu[r] = (mx.getCurrentThreadCpuTime() - c2) * 1e-9;
            inside[r] = listenerNanos[0] * 1e-9;
            insideCpu[r] = listenerNanos[1] * 1e-9;
            System.out.printf("run %d: plain %.2f s (cpu %.2f), with statistics %.2f s (cpu %.2f, listener wall %.2f s, cpu %.2f s)%n",
                    r, plain[r], plainCpu[r], withStats[r], withStatsCpu[r], inside[r], insideCpu[r]);
        }
        if (backend.workers().threads() == 1) {
            System.out.printf("median calling-thread cpu: plain %.2f s, forward + statistics %.2f s, ratio %.3f%n",
                    median(plainCpu), median(withStatsCpu), median(withStatsCpu) / median(plainCpu));
            // within one pass: statistics cpu over the forward cpu of the same pass (robust to load drift between passes)
            double[] within = new double[runs];
            for (int r = 0; r < runs; r++) within[r] = 1 + insideCpu[r] / (withStatsCpu[r] - insideCpu[r]);
            System.out.printf("median within-pass cpu ratio (forward + statistics) / forward: %.3f (statistics cpu %.2f s)%n",
                    median(within), median(insideCpu));
        }
        double p = median(plain), w = median(withStats), s = median(inside);
        System.out.printf("median: plain forward %.2f s, forward + statistics %.2f s, ratio %.3f, statistics %.2f s (%.1f %% of plain)%n",
                p, w, w / p, s, 100 * s / p);
    }

    private static HeadStatisticsAccumulator accumulator(BertConfig c, Backend backend) {
        return new HeadStatisticsAccumulator(c.numHiddenLayers(), c.numAttentionHeads(), RichnessMeasure.defaultMeasure(),
                CorrelationMeasure.defaultMeasure(), false, backend, Integer.MAX_VALUE / 2);
    }

    private static double pass(BertModel model, Backend backend, List<Batch> batches, HeadOutputListener listener) {
        long t0 = System.nanoTime();
        for (Batch b : batches) model.forward(PassContext.eval(backend, listener), b);
        return (System.nanoTime() - t0) * 1e-9;
    }

    static List<Batch> batches(BertConfig c, int examples, int batchSize, int minLen, int maxLen) {
        SplittableRandom rnd = new SplittableRandom(7);
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < examples; from += batchSize) {
            int b = Math.min(batchSize, examples - from);
            int[][] ids = new int[b][];
            for (int i = 0; i < b; i++) {
                ids[i] = new int[minLen + rnd.nextInt(maxLen - minLen + 1)];
                for (int t = 0; t < ids[i].length; t++) ids[i][t] = 1000 + rnd.nextInt(c.vocabSize() - 1000);
            }
            out.add(Batch.pad(ids, null, c.padTokenId(), null, null));
        }
        return out;
    }

    /** The selector's calibration sample from a GLUE pair file, tokenised and batched as the selector does. */
    static List<Batch> pairBatches(java.nio.file.Path tsv, java.nio.file.Path vocab, int examples, int batchSize, int maxLen) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(tsv);
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                if (f.length >= 3) rows.add(f);
            }
            var tok = hifi.engine.tokenizer.BertTokenizer.fromVocabTxt(vocab, hifi.engine.tokenizer.NormalizerOptions.uncased()).withTruncation(maxLen);
            int[] sample = hifi.method.select.CalibrationSample.draw(rows.size(), examples, 42);
            List<Batch> out = new ArrayList<>();
            for (int from = 0; from < sample.length; from += batchSize) {
                int b = Math.min(batchSize, sample.length - from);
                int[][] ids = new int[b][], types = new int[b][];
                for (int i = 0; i < b; i++) {
                    String[] r = rows.get(sample[from + i]);
                    var e = tok.encode(r[1], r[2]);
                    ids[i] = Arrays.copyOf(e.ids(), e.realLength());
                    types[i] = Arrays.copyOf(e.typeIds(), e.realLength());
                }
                out.add(Batch.pad(ids, types, tok.padId(), null, null));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
