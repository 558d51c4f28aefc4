package hifi.method.stats;

import hifi.engine.backend.Backend;
import hifi.engine.tensor.Tensor;
import hifi.method.scoring.CorrelationMeasure;
import hifi.method.scoring.GramSummary;
import hifi.method.scoring.RichnessMeasure;
import hifi.method.scoring.SingularValues;

/**
 * One example's attention context at one layer, restricted to its non-padding tokens and reduced to what the
 * statistics need: per head the richness {@code info(x)} and the summary of its centred auto-Gram block, per head pair
 * the summary of the centred cross block. Everything here depends on this example's rows only, which makes the
 * statistics independent of how examples are batched.
 *
 * <p>Precision: the per-head Gram {@code O_hᵀ O_h} (richness, and the centred auto block derived from it) is
 * accumulated in double from the float outputs ({@link DoubleGram}). The cross blocks {@code Z_iᵀ Z_j} (correlation
 * only) come from the backend's float GEMM on the centred outputs {@code Z} (centred in double, stored as float):
 * about {@code 1e-6} relative, ample for a correlation coefficient, and the GEMM is where the time goes.
 */
final class SampleLayer {
    final int tokens;
    final int heads;
    final int headDim;
    final int hidden;
    /** {@code O}: {@code tokens × hidden}, uncentred. */
    private final float[] outputs;
    /** {@code Z = O − column means}: {@code tokens × hidden}. */
    final float[] centred;
    private final double[] columnSums;
    final double[] information;
    final GramSummary[] auto;
    /** {@code cross[i][j]} for {@code j > i}: summary of {@code Z_iᵀ Z_j}. */
    private final GramSummary[][] cross;

    private SampleLayer(float[] outputs, int tokens, int heads, int hidden) {
        this.tokens = tokens;
        this.heads = heads;
        this.hidden = hidden;
        this.headDim = hidden / heads;
        this.outputs = outputs;
        this.columnSums = new double[hidden];
        for (int t = 0; t < tokens; t++) for (int c = 0; c < hidden; c++) columnSums[c] += outputs[t * hidden + c];
        this.centred = new float[outputs.length];
        for (int c = 0; c < hidden; c++) {
            double mean = columnSums[c] / tokens;
            for (int t = 0; t < tokens; t++) centred[t * hidden + c] = (float) (outputs[t * hidden + c] - mean);
        }
        this.information = new double[heads];
        this.auto = new GramSummary[heads];
        this.cross = new GramSummary[heads][heads];
    }

    /**
     * Gathers example {@code b}'s non-padding rows from {@code context [B, T, hidden]} (any strides, last dimension
     * contiguous); {@code null} when the example has no real token.
     */
    static SampleLayer gather(Backend backend, Tensor context, int[] mask, int b, int heads) {
        int seq = context.dim(1), hidden = context.dim(2);
        int tokens = 0;
        for (int t = 0; t < seq; t++) if (mask[b * seq + t] != 0) tokens++;
        if (tokens == 0) return null;
        Tensor example = context.select(0, b);
        float[] out = new float[tokens * hidden];
        int row = 0;
        for (int t = 0; t < seq; ) {  // each run of real tokens in one copy
            if (mask[b * seq + t] == 0) {
                t++;
                continue;
            }
            int end = t;
            while (end < seq && mask[b * seq + end] != 0) end++;
            backend.toHost(example.narrow(0, t, end - t), out, row * hidden);
            row += end - t;
            t = end;
        }
        return new SampleLayer(out, tokens, heads, hidden);
    }

    /**
     * Head {@code h}'s share: richness from the double Gram of {@code O_h}, the centred auto summary, and the cross
     * blocks {@code Z_hᵀ Z_j} for {@code j > h} (one GEMM for the block row).
     */
    void reduceHead(int h, RichnessMeasure richness, Backend backend) {
        int k = headDim, col0 = h * k;
        double[] gram = new double[k * k];
        DoubleGram.addUpper(outputs, tokens, hidden, col0, k, gram);
        auto[h] = centredSummary(gram, col0);
        information[h] = richness.of(SingularValues.fromGram(gram, k), tokens);
        int rest = hidden - (h + 1) * k;
        if (rest == 0) return;
        Tensor z = Tensor.of(centred, tokens, hidden);
        Tensor block = backend.allocate(k, rest);
        backend.gemm(z.cols(col0, k), true, z.cols(col0 + k, rest), false, block, 1f, false, null);
        float[] c = backend.toHost(block);
        for (int j = h + 1; j < heads; j++) cross[h][j] = GramSummary.ofBlock(c, (j - h - 1) * k, rest, k);
    }

    /** Summary of {@code C = G − s sᵀ / n} from the upper triangle of the uncentred Gram {@code G}. */
    private GramSummary centredSummary(double[] gram, int col0) {
        int k = headDim;
        double fro = 0, trace = 0;
        for (int i = 0; i < k; i++) {
            double si = columnSums[col0 + i] / tokens;
            for (int j = i; j < k; j++) {
                double c = gram[i * k + j] - si * columnSums[col0 + j];
                fro += i == j ? c * c : 2 * c * c;
                if (i == j) trace += c;
            }
        }
        return new GramSummary(fro, trace);
    }

    /** Writes {@code corr(i, j)} for {@code i < j} into {@code out} (row-major {@code H × H}, upper triangle). */
    void correlations(CorrelationMeasure measure, double[] out) {
        for (int i = 0; i < heads; i++) {
            for (int j = i + 1; j < heads; j++) out[i * heads + j] = measure.of(cross[i][j], auto[i], auto[j], tokens);
        }
    }
}
