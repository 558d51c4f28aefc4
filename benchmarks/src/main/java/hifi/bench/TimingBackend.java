package hifi.bench;

import hifi.engine.runtime.Activation;
import hifi.engine.backend.Backend;
import hifi.engine.kernels.GemmShape;
import hifi.engine.tensor.Tensor;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A decorator that adds the wall time of every op to a named bucket: GEMMs by shape and transposition (so the linear
 * layers, their two backward products and the batched attention products show up separately), everything else by op
 * name. Single-threaded callers only (the ops themselves may run on the worker pool).
 */
final class TimingBackend implements Backend {
    private final Backend delegate;
    private final Map<String, long[]> buckets = new TreeMap<>();

    TimingBackend(Backend delegate) {
        this.delegate = delegate;
    }

    /** Bucket name → {nanoseconds, calls, flops}. */
    Map<String, long[]> buckets() {
        return buckets;
    }

    void reset() {
        buckets.clear();
    }

    private void time(String bucket, long flops, Runnable op) {
        timed(bucket, flops, () -> {
            op.run();
            return null;
        });
    }

    private <T> T timed(String bucket, Supplier<T> op) {
        return timed(bucket, 0, op);
    }

    private <T> T timed(String bucket, long flops, Supplier<T> op) {
        long t0 = System.nanoTime();
        T r = op.get();
        long[] b = buckets.computeIfAbsent(bucket, k -> new long[3]);
        b[0] += System.nanoTime() - t0;
        b[1]++;
        b[2] += flops;
        return r;
    }

    @Override
    public String name() {
        return "timing(" + delegate.name() + ")";
    }

    @Override
    public Tensor allocate(int... shape) {
        return timed("allocate", () -> delegate.allocate(shape));
    }

    @Override
    public Tensor allocateOutput(int... shape) {
        return timed("allocate", () -> delegate.allocateOutput(shape));
    }

    @Override
    public hifi.engine.backend.PassScope openPass() {
        return delegate.openPass();
    }

    @Override
    public void gemm(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha, boolean accumulate, Tensor bias) {
        GemmShape s = GemmShape.of(a, transA, b, transB, c, bias);
        String kind = s.batch() > 1 ? "gemm attention " : "gemm ";
        String bucket = String.format("%s%s·%s M=%d N=%d K=%d%s", kind, transA ? "Aᵀ" : "A", transB ? "Bᵀ" : "B",
                s.m(), s.n(), s.k(), s.batch() > 1 ? " ×" + s.batch() : "");
        time(bucket, s.flops(), () -> delegate.gemm(a, transA, b, transB, c, alpha, accumulate, bias));
    }

    @Override
    public void softmax(Tensor x, Tensor additiveMask) {
        time("softmax", 0, () -> delegate.softmax(x, additiveMask));
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor dy, Tensor dx) {
        time("softmax backward", 0, () -> delegate.softmaxBackward(y, dy, dx));
    }

    @Override
    public void layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd) {
        time("layerNorm", 0, () -> delegate.layerNorm(x, gamma, beta, eps, y, mean, rstd));
    }

    @Override
    public void layerNormBackward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dx, Tensor dgamma, Tensor dbeta) {
        time("layerNorm backward", 0, () -> delegate.layerNormBackward(dy, x, gamma, mean, rstd, dx, dgamma, dbeta));
    }

    @Override
    public void activation(Activation act, Tensor x, Tensor y) {
        time("activation " + act, 0, () -> delegate.activation(act, x, y));
    }

    @Override
    public void activationBackward(Activation act, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        time("activation backward " + act, 0, () -> delegate.activationBackward(act, x, y, dy, dx));
    }

    @Override
    public void dropout(Tensor x, Tensor y, float p, long seed) {
        time("dropout", 0, () -> delegate.dropout(x, y, p, seed));
    }

    @Override
    public void dropoutBackward(Tensor dy, Tensor dx, float p, long seed) {
        time("dropout backward", 0, () -> delegate.dropoutBackward(dy, dx, p, seed));
    }

    @Override
    public void embedding(Tensor table, int[] ids, Tensor out) {
        time("embedding", 0, () -> delegate.embedding(table, ids, out));
    }

    @Override
    public void embeddingBackward(Tensor dOut, int[] ids, Tensor dTable) {
        time("embedding backward", 0, () -> delegate.embeddingBackward(dOut, ids, dTable));
    }

    @Override
    public float crossEntropy(Tensor logits, int[] labels, Tensor dLogits) {
        return timed("crossEntropy", () -> delegate.crossEntropy(logits, labels, dLogits));
    }

    @Override
    public float mse(Tensor pred, float[] targets, Tensor dPred) {
        return timed("mse", () -> delegate.mse(pred, targets, dPred));
    }

    @Override
    public void columnSums(Tensor x, Tensor out) {
        time("columnSums", 0, () -> delegate.columnSums(x, out));
    }

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        time("add", 0, () -> delegate.add(a, b, out));
    }

    @Override
    public void axpy(float alpha, Tensor x, Tensor y) {
        time("axpy", 0, () -> delegate.axpy(alpha, x, y));
    }

    @Override
    public void scale(Tensor x, float s) {
        time("scale", 0, () -> delegate.scale(x, s));
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        time("copy", 0, () -> delegate.copy(src, dst));
    }

    @Override
    public void fill(Tensor x, float v) {
        time("fill", 0, () -> delegate.fill(x, v));
    }
}
