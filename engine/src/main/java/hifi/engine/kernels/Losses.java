package hifi.engine.kernels;

import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.VectorSpecies;

/**
 * Training losses: mean cross-entropy over logit rows (with its logits gradient) and mean squared error. Per-row
 * losses are computed in parallel into an array and summed in row order in double, so the returned mean does not
 * depend on the thread count. Shapes and labels are checked by the caller.
 */
public final class Losses {
    private Losses() {
    }

    /**
     * Mean over rows of {@code logZ − logits[label]}; when {@code dLogits} is not {@code null} it is overwritten with
     * {@code (softmax(logits) − onehot(label)) / N}.
     */
    public static float crossEntropy(VectorSpecies<Float> s, WorkerPool pool, Tensor logits, int[] labels, Tensor dLogits) {
        int rows = labels.length, c = logits.dim(1);
        float[] x = logits.data(), g = dLogits == null ? null : dLogits.data();
        double[] losses = new double[rows];
        float invN = 1f / rows;
        Segments.forRows(pool, rows, c, (from, to) -> {
            float[] row = g == null ? new float[c] : null;  // exp(logits − max) goes to dLogits, or here
            for (int i = from; i < to; i++) {
                int ox = logits.offset() + i * logits.stride(0);
                int og = g == null ? 0 : dLogits.offset() + i * dLogits.stride(0);
                float target = x[ox + labels[i]];  // read before dLogits (which may alias logits) is written
                float max = VectorRows.max(s, x, ox, c);
                float sum = g == null ? VectorRows.expShift(s, x, ox, c, max, row, 0) : VectorRows.expShift(s, x, ox, c, max, g, og);
                double logZ = max + Math.log(sum);
                losses[i] = logZ - target;
                if (g != null) {
                    VectorRows.scale(s, g, og, c, invN / sum);
                    g[og + labels[i]] -= invN;
                }
            }
        });
        return (float) (sumInOrder(losses) / rows);
    }

    /**
     * Mean of {@code (pred − target)²} over {@code pred [N]} or {@code [N, 1]}; when {@code dPred} is not
     * {@code null} it is overwritten with {@code 2 (pred − target) / N}. Scalar: N is a batch size, not a hidden size.
     */
    public static float mse(Tensor pred, float[] targets, Tensor dPred) {
        int n = targets.length;
        float[] p = pred.data();
        double total = 0;
        for (int i = 0; i < n; i++) {
            double d = p[pred.offset() + i * pred.stride(0)] - targets[i];
            total += d * d;
            if (dPred != null) dPred.data()[dPred.offset() + i * dPred.stride(0)] = (float) (2.0 * d / n);
        }
        return (float) (total / n);
    }

    private static double sumInOrder(double[] v) {
        double total = 0;
        for (double x : v) total += x;
        return total;
    }
}
