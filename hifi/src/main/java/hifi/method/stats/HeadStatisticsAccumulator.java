package hifi.method.stats;

import hifi.engine.backend.Backend;
import hifi.engine.nn.HeadOutputListener;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;
import hifi.method.scoring.CorrelationMeasure;
import hifi.method.scoring.HeadStatistics;
import hifi.method.scoring.RichnessMeasure;

/**
 * HiFi's statistics pass, as a listener on a no-grad forward: for every example {@code x} and layer it reduces each
 * head's output {@code O_h} (non-padding rows only) to {@code info(x)} and each head pair to {@code corr(x)}, and
 * adds them to running sums; {@link #statistics()} returns the averages. Head outputs are never kept beyond the
 * current batch.
 *
 * <p>Determinism: each example's numbers depend only on its own rows, and the sums are added one example at a time
 * in sample order, so the result is the same (bit for bit, given a deterministic GEMM) for any batch size and any
 * thread count. Work inside a batch runs on the backend's worker pool: per example, then per (example, head).
 *
 * <p>Halves: examples with sample index below {@code splitAt} are summed into part 0, the rest into part 1, so
 * {@link #statistics(int)} gives the two disjoint halves for the stability check. The total is part 0 + part 1.
 *
 * <p>Cross-layer mode (needed by {@code scope=global}) keeps every layer's centred outputs of the current batch until
 * the last layer arrives, then measures every pair of heads in different layers on the same tokens.
 */
public final class HeadStatisticsAccumulator implements HeadOutputListener {
    /** Part 0: examples with sample index below {@code splitAt} (the first half). */
    public static final int FIRST_HALF = 0;
    /** Part 1: the remaining examples (the second half). */
    public static final int SECOND_HALF = 1;
    /** {@code splitAt} value that puts every example into part 0. */
    public static final int NO_SPLIT = Integer.MAX_VALUE;

    private final int layers;
    private final int heads;
    private final RichnessMeasure richness;
    private final CorrelationMeasure correlation;
    private final boolean crossLayer;
    private final Backend backend;
    private final int splitAt;

    private final double[][][] informationSum;   // [part][layer][head]
    private final double[][][] correlationSum;   // [part][layer][i·H + j], i < j
    private final double[][][] crossLayerSum;    // [part][g1][g2], layer(g1) < layer(g2); null unless crossLayer
    private final long[] samplesPerPart = new long[2];

    private int expectedLayer;
    private int batchSize;
    private int batchStart;
    private int samplesDone;
    private CrossLayerPass crossPass;

    /**
     * @param layers      encoder layers the model will report
     * @param heads       attention heads per layer
     * @param crossLayer  also measure correlations between heads of different layers (scope=global)
     * @param splitAt     first sample index of the second half ({@code Integer.MAX_VALUE}: one part)
     */
    public HeadStatisticsAccumulator(int layers, int heads, RichnessMeasure richness, CorrelationMeasure correlation,
                                     boolean crossLayer, Backend backend, int splitAt) {
        if (layers < 1 || heads < 1) throw new IllegalArgumentException("need ≥ 1 layer and head, got " + layers + " layers, " + heads + " heads");
        if (splitAt < 0) throw new IllegalArgumentException("splitAt must be ≥ 0, got " + splitAt);
        this.layers = layers;
        this.heads = heads;
        this.richness = richness;
        this.correlation = correlation;
        this.crossLayer = crossLayer;
        this.backend = backend;
        this.splitAt = splitAt;
        this.informationSum = new double[2][layers][heads];
        this.correlationSum = new double[2][layers][heads * heads];
        this.crossLayerSum = crossLayer ? new double[2][layers * heads][layers * heads] : null;
    }

    @Override
    public void onContext(int layer, Tensor context, int[] attentionMask) {
        checkCall(layer, context, attentionMask);
        int batch = context.dim(0);
        if (layer == 0) {
            batchSize = batch;
            batchStart = samplesDone;
            if (crossLayer) crossPass = new CrossLayerPass(layers, heads, batch);
        }
        SampleLayer[] samples = new SampleLayer[batch];
        WorkerPool workers = backend.workers();
        workers.parallelFor(batch, b -> samples[b] = SampleLayer.gather(backend, context, attentionMask, b, heads));
        for (int b = 0; b < batch; b++) {
            if (samples[b] == null) {
                throw new IllegalArgumentException("example " + b + " of the batch at layer " + layer + " has no non-padding token");
            }
        }
        workers.parallelFor(batch * heads, task -> samples[task / heads].reduceHead(task % heads, richness, backend));
        double[][] pairs = new double[batch][heads * heads];
        workers.parallelFor(batch, b -> samples[b].correlations(correlation, pairs[b]));

        for (int b = 0; b < batch; b++) {
            int part = part(batchStart + b);
            double[] info = informationSum[part][layer];
            for (int h = 0; h < heads; h++) info[h] += samples[b].information[h];
            double[] corr = correlationSum[part][layer];
            for (int i = 0; i < heads * heads; i++) corr[i] += pairs[b][i];
        }
        if (crossLayer) crossPass.keep(layer, samples);

        expectedLayer = layer + 1;
        if (expectedLayer == layers) {
            if (crossLayer) {
                crossPass.accumulate(correlation, backend, b -> crossLayerSum[part(batchStart + b)]);
                crossPass = null;
            }
            for (int b = 0; b < batch; b++) samplesPerPart[part(batchStart + b)]++;
            samplesDone += batch;
            expectedLayer = 0;
        }
    }

    private int part(int sampleIndex) {
        return sampleIndex < splitAt ? 0 : 1;
    }

    private void checkCall(int layer, Tensor context, int[] mask) {
        if (layer != expectedLayer) {
            throw new IllegalStateException("statistics expected layer " + expectedLayer + " next, got layer " + layer
                    + " (each batch must report layers 0.." + (layers - 1) + " in order)");
        }
        if (context.rank() != 3) throw new IllegalArgumentException("context must be [batch, seq, hidden], got " + context);
        if (context.dim(2) % heads != 0) throw new IllegalArgumentException("hidden size " + context.dim(2) + " is not a multiple of " + heads + " heads");
        if (context.stride(2) != 1) throw new IllegalArgumentException("context's last dimension must be contiguous, got " + context);
        if (mask.length != context.dim(0) * context.dim(1)) {
            throw new IllegalArgumentException("attention mask has " + mask.length + " entries for context " + context);
        }
        if (layer > 0 && context.dim(0) != batchSize) {
            throw new IllegalStateException("layer " + layer + " reported " + context.dim(0) + " examples, layer 0 of this batch " + batchSize);
        }
    }

    /** Number of examples fully processed (all layers). */
    public int samples() {
        return samplesDone;
    }

    /** Averages over all examples seen. */
    public HeadStatistics statistics() {
        return average(new int[] {0, 1});
    }

    /** Averages over one half: part 0 (sample index below {@code splitAt}) or part 1. */
    public HeadStatistics statistics(int part) {
        if (part != 0 && part != 1) throw new IllegalArgumentException("part must be 0 or 1, got " + part);
        return average(new int[] {part});
    }

    private HeadStatistics average(int[] parts) {
        if (expectedLayer != 0) throw new IllegalStateException("the last batch stopped after layer " + (expectedLayer - 1) + " of " + layers);
        long count = 0;
        for (int p : parts) count += samplesPerPart[p];
        if (count == 0) throw new IllegalStateException("no examples in the requested statistics (parts " + java.util.Arrays.toString(parts) + ")");
        double[][] info = new double[layers][heads];
        double[][][] corr = new double[layers][heads][heads];
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                double s = 0;
                for (int p : parts) s += informationSum[p][l][h];
                info[l][h] = s / count;
            }
            for (int i = 0; i < heads; i++) {
                for (int j = i + 1; j < heads; j++) {
                    double s = 0;
                    for (int p : parts) s += correlationSum[p][l][i * heads + j];
                    corr[l][i][j] = corr[l][j][i] = s / count;
                }
            }
        }
        return new HeadStatistics((int) count, info, corr, crossLayer ? global(parts, count, corr) : null);
    }

    private double[][] global(int[] parts, long count, double[][][] corr) {
        int n = layers * heads;
        double[][] g = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                int la = a / heads, lb = b / heads;
                double v;
                if (la == lb) {
                    v = corr[la][a % heads][b % heads];
                } else {
                    double s = 0;
                    for (int p : parts) s += crossLayerSum[p][a][b];
                    v = s / count;
                }
                g[a][b] = g[b][a] = v;
            }
        }
        return g;
    }
}
