package hifi.method.stats;

import hifi.engine.backend.Backend;
import hifi.engine.tensor.Tensor;
import hifi.method.scoring.CorrelationMeasure;
import hifi.method.scoring.GramSummary;

import java.util.function.IntFunction;

/**
 * The cross-layer half of the statistics for {@code scope=global}: one batch's centred outputs of every layer, kept
 * until the last layer has been seen, then every pair of heads in different layers is measured on the same tokens
 * (per example: {@code Z_l1ᵀ Z_l2} for every layer pair, one float GEMM each).
 */
final class CrossLayerPass {
    private final int layers;
    private final int heads;
    private final int batch;
    private final float[][][] centred;        // [layer][example] -> tokens × hidden
    private final GramSummary[][][] auto;     // [layer][example][head]
    private final int[] tokens;               // [example]
    private int hidden;

    CrossLayerPass(int layers, int heads, int batch) {
        this.layers = layers;
        this.heads = heads;
        this.batch = batch;
        this.centred = new float[layers][batch][];
        this.auto = new GramSummary[layers][batch][];
        this.tokens = new int[batch];
    }

    void keep(int layer, SampleLayer[] samples) {
        for (int b = 0; b < batch; b++) {
            centred[layer][b] = samples[b].centred;
            auto[layer][b] = samples[b].auto;
            tokens[b] = samples[b].tokens;
            hidden = samples[b].hidden;
        }
    }

    /** Measures all cross-layer head pairs of the batch and adds them to the sums, one example at a time in order. */
    void accumulate(CorrelationMeasure measure, Backend backend, IntFunction<double[][]> sumsOfExample) {
        int layerPairs = layers * (layers - 1) / 2;
        int[] first = new int[layerPairs], second = new int[layerPairs];
        for (int l1 = 0, p = 0; l1 < layers; l1++) for (int l2 = l1 + 1; l2 < layers; l2++, p++) {
            first[p] = l1;
            second[p] = l2;
        }
        double[][][] values = new double[batch][layerPairs][];
        backend.workers().parallelFor(batch * layerPairs, task -> {
            int b = task / layerPairs, p = task % layerPairs;
            values[b][p] = measurePair(b, first[p], second[p], measure, backend);
        });
        for (int b = 0; b < batch; b++) {
            double[][] sums = sumsOfExample.apply(b);
            for (int p = 0; p < layerPairs; p++) {
                int g1 = first[p] * heads, g2 = second[p] * heads;
                for (int i = 0; i < heads; i++) {
                    for (int j = 0; j < heads; j++) sums[g1 + i][g2 + j] += values[b][p][i * heads + j];
                }
            }
        }
    }

    private double[] measurePair(int b, int l1, int l2, CorrelationMeasure measure, Backend backend) {
        int n = tokens[b], k = hidden / heads;
        Tensor z1 = Tensor.of(centred[l1][b], n, hidden);
        Tensor z2 = Tensor.of(centred[l2][b], n, hidden);
        Tensor c = backend.allocate(hidden, hidden);
        backend.gemm(z1, true, z2, false, c, 1f, false, null);
        float[] cross = backend.toHost(c);
        double[] out = new double[heads * heads];
        for (int i = 0; i < heads; i++) {
            for (int j = 0; j < heads; j++) {
                GramSummary block = GramSummary.ofBlock(cross, i * k * hidden + j * k, hidden, k);
                out[i * heads + j] = measure.of(block, auto[l1][b][i], auto[l2][b][j], n);
            }
        }
        return out;
    }
}
