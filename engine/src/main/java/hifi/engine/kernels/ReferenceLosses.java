package hifi.engine.kernels;

import hifi.engine.tensor.Tensor;

/**
 * The scalar reference of {@link Losses}: every sum in {@code double}, one element at a time. Arguments (shapes,
 * labels) are checked by the caller (the backend front).
 */
public final class ReferenceLosses {
    private ReferenceLosses() {
    }

    /** Mean cross-entropy of {@code logits [N, C]}; {@code dLogits} (unless {@code null}) gets {@code (softmax − onehot) / N}. */
    public static float crossEntropy(Tensor logits, int[] labels, Tensor dLogits) {
        int n = labels.length, c = logits.dim(1);
        double total = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) max = Math.max(max, logits.get(i, j));
            double sum = 0;
            for (int j = 0; j < c; j++) sum += Math.exp(logits.get(i, j) - max);
            double logZ = max + Math.log(sum);
            total += logZ - logits.get(i, labels[i]);
            if (dLogits != null) {
                for (int j = 0; j < c; j++) {
                    double pj = Math.exp(logits.get(i, j) - logZ);
                    dLogits.set((float) ((pj - (j == labels[i] ? 1 : 0)) / n), i, j);
                }
            }
        }
        return (float) (total / n);
    }

    /** Mean squared error of {@code pred [N, 1]} or {@code [N]}; {@code dPred} (unless {@code null}) gets {@code 2 (pred − target) / N}. */
    public static float mse(Tensor pred, float[] targets, Tensor dPred) {
        float[] p = pred.toArray();
        int n = targets.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double d = p[i] - targets[i];
            total += d * d;
        }
        if (dPred != null) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) g[i] = (float) (2.0 * (p[i] - targets[i]) / n);
            dPred.copyFrom(Tensor.of(g, dPred.shape()));
        }
        return (float) (total / n);
    }
}
