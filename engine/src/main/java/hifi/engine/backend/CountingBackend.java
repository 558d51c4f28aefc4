package hifi.engine.backend;

import hifi.engine.kernels.GemmShape;
import hifi.engine.runtime.Activation;
import hifi.engine.tensor.Tensor;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A decorator that counts GEMM calls and their floating-point operations ({@code 2·M·N·K} per product) before
 * delegating every op. Tests use it to prove that frozen weight gradients are never computed; benchmarks to report
 * FLOP rates.
 */
public final class CountingBackend implements Backend {
    private final Backend delegate;
    private final AtomicLong gemmCalls = new AtomicLong();
    private final AtomicLong gemmFlops = new AtomicLong();

    public CountingBackend(Backend delegate) {
        this.delegate = delegate;
    }

    /** GEMM calls since construction or the last {@link #reset()}. */
    public long gemmCalls() {
        return gemmCalls.get();
    }

    /** GEMM floating-point operations since construction or the last {@link #reset()}. */
    public long gemmFlops() {
        return gemmFlops.get();
    }

    public void reset() {
        gemmCalls.set(0);
        gemmFlops.set(0);
    }

    @Override
    public String name() {
        return "counting(" + delegate.name() + ")";
    }

    @Override
    public Tensor allocate(int... shape) {
        return delegate.allocate(shape);
    }

    @Override
    public Tensor allocateOutput(int... shape) {
        return delegate.allocateOutput(shape);
    }

    @Override
    public PassScope openPass() {
        return delegate.openPass();
    }

    @Override
    public void gemm(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha, boolean accumulate, Tensor bias) {
        gemmCalls.incrementAndGet();
        gemmFlops.addAndGet(GemmShape.of(a, transA, b, transB, c, bias).flops());
        delegate.gemm(a, transA, b, transB, c, alpha, accumulate, bias);
    }

    @Override
    public void softmax(Tensor x, Tensor additiveMask) {
        delegate.softmax(x, additiveMask);
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor dy, Tensor dx) {
        delegate.softmaxBackward(y, dy, dx);
    }

    @Override
    public void layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd) {
        delegate.layerNorm(x, gamma, beta, eps, y, mean, rstd);
    }

    @Override
    public void layerNormBackward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dx, Tensor dgamma, Tensor dbeta) {
        delegate.layerNormBackward(dy, x, gamma, mean, rstd, dx, dgamma, dbeta);
    }

    @Override
    public void activation(Activation act, Tensor x, Tensor y) {
        delegate.activation(act, x, y);
    }

    @Override
    public void activationBackward(Activation act, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        delegate.activationBackward(act, x, y, dy, dx);
    }

    @Override
    public void dropout(Tensor x, Tensor y, float p, long seed) {
        delegate.dropout(x, y, p, seed);
    }

    @Override
    public void dropoutBackward(Tensor dy, Tensor dx, float p, long seed) {
        delegate.dropoutBackward(dy, dx, p, seed);
    }

    @Override
    public void embedding(Tensor table, int[] ids, Tensor out) {
        delegate.embedding(table, ids, out);
    }

    @Override
    public void embeddingBackward(Tensor dOut, int[] ids, Tensor dTable) {
        delegate.embeddingBackward(dOut, ids, dTable);
    }

    @Override
    public float crossEntropy(Tensor logits, int[] labels, Tensor dLogits) {
        return delegate.crossEntropy(logits, labels, dLogits);
    }

    @Override
    public float mse(Tensor pred, float[] targets, Tensor dPred) {
        return delegate.mse(pred, targets, dPred);
    }

    @Override
    public void columnSums(Tensor x, Tensor out) {
        delegate.columnSums(x, out);
    }

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        delegate.add(a, b, out);
    }

    @Override
    public void axpy(float alpha, Tensor x, Tensor y) {
        delegate.axpy(alpha, x, y);
    }

    @Override
    public void scale(Tensor x, float s) {
        delegate.scale(x, s);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        delegate.copy(src, dst);
    }

    @Override
    public void fill(Tensor x, float v) {
        delegate.fill(x, v);
    }
}
