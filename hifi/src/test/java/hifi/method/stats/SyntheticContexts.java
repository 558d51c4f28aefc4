package hifi.method.stats;

import hifi.engine.nn.HeadOutputListener;
import hifi.engine.tensor.Tensor;

import java.util.Random;

/**
 * Made-up head outputs for statistics tests: {@code examples × layers} float matrices of varying token counts, with
 * heads that share components (so correlations are neither 0 nor 1), fed to a listener in any batching with
 * garbage in the padding rows.
 */
final class SyntheticContexts {
    final int layers;
    final int heads;
    final int hidden;
    /** {@code outputs[x][l]}: {@code tokens[x] × hidden}, row-major. */
    final float[][][] outputs;
    final int[] tokens;

    SyntheticContexts(long seed, int examples, int layers, int heads, int headDim, int maxTokens) {
        this.layers = layers;
        this.heads = heads;
        this.hidden = heads * headDim;
        Random rnd = new Random(seed);
        this.tokens = new int[examples];
        this.outputs = new float[examples][layers][];
        for (int x = 0; x < examples; x++) {
            tokens[x] = x == 0 ? 1 : 1 + rnd.nextInt(maxTokens);
            for (int l = 0; l < layers; l++) {
                int n = tokens[x];
                float[] o = new float[n * hidden];
                double[] shared = new double[n * headDim];
                for (int i = 0; i < shared.length; i++) shared[i] = rnd.nextGaussian();
                for (int t = 0; t < n; t++) {
                    for (int h = 0; h < heads; h++) {
                        double mix = 0.3 * h;
                        double scale = 1 + h + l;
                        for (int c = 0; c < headDim; c++) {
                            double v = scale * (rnd.nextGaussian() + mix * shared[t * headDim + (c + h) % headDim]) + 0.5 * h;
                            o[t * hidden + h * headDim + c] = (float) v;
                        }
                    }
                }
                outputs[x][l] = o;
            }
        }
    }

    int examples() {
        return tokens.length;
    }

    /**
     * Feeds all examples in batches of {@code batch}. Real tokens are spread over the padded length (every third
     * slot is padding when {@code interleavePadding}); padding rows hold large garbage. With {@code strided} the
     * context is a column view of a wider tensor.
     */
    void feed(HeadOutputListener listener, int batch, boolean interleavePadding, boolean strided) {
        for (int start = 0; start < examples(); start += batch) {
            int b = Math.min(batch, examples() - start);
            int seq = 0;
            for (int x = start; x < start + b; x++) seq = Math.max(seq, slots(tokens[x], interleavePadding));
            seq += 1;
            int[] mask = new int[b * seq];
            int[][] positions = new int[b][];
            for (int i = 0; i < b; i++) {
                int n = tokens[start + i];
                positions[i] = new int[n];
                for (int t = 0, slot = 0; t < n; slot++) {
                    if (interleavePadding && slot % 3 == 2) continue;
                    positions[i][t++] = slot;
                    mask[i * seq + slot] = 1;
                }
            }
            for (int l = 0; l < layers; l++) {
                int width = strided ? hidden + 5 : hidden;
                Tensor full = Tensor.zeros(b, seq, width);
                full.fill(1e6f);
                Tensor context = strided ? full.narrow(2, 3, hidden) : full;
                float[] d = full.data();
                for (int i = 0; i < b; i++) {
                    float[] o = outputs[start + i][l];
                    for (int t = 0; t < positions[i].length; t++) {
                        int base = context.offset() + i * context.stride(0) + positions[i][t] * context.stride(1);
                        System.arraycopy(o, t * hidden, d, base, hidden);
                    }
                }
                listener.onContext(l, context, mask);
            }
        }
    }

    private static int slots(int n, boolean interleave) {
        return interleave ? n + (n + 1) / 2 : n;
    }

    /** Head {@code h}'s output of example {@code x} at layer {@code l}, as double rows. */
    double[][] head(int x, int l, int h) {
        int n = tokens[x], k = hidden / heads;
        double[][] m = new double[n][k];
        for (int t = 0; t < n; t++) for (int c = 0; c < k; c++) m[t][c] = outputs[x][l][t * hidden + h * k + c];
        return m;
    }
}
