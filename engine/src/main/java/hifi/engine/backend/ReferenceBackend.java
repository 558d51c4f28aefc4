package hifi.engine.backend;

import hifi.engine.kernels.AdamWKernel;
import hifi.engine.kernels.Elementwise;
import hifi.engine.kernels.GemmShape;
import hifi.engine.kernels.ReferenceActivations;
import hifi.engine.kernels.ReferenceElementwise;
import hifi.engine.kernels.ReferenceEmbedding;
import hifi.engine.kernels.ReferenceGemm;
import hifi.engine.kernels.ReferenceLayerNorm;
import hifi.engine.kernels.ReferenceLosses;
import hifi.engine.kernels.ReferenceSoftmax;
import hifi.engine.kernels.SquaredNorm;
import hifi.engine.runtime.Activation;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;

/**
 * The scalar reference backend: single-threaded, straightforward loops, {@code double} accumulators (the
 * {@code Reference*} classes of {@code hifi.engine.kernels}, each beside the SIMD kernel it is the oracle for). It
 * defines what every op means; the SIMD and device backends are tested against it. Not meant to be fast. Its worker
 * pool serves only the optimiser's elementwise update and host code working beside it.
 */
public final class ReferenceBackend extends HeapBackend {

    /** With a worker pool of {@link WorkerPool#defaultThreads()} threads. */
    public ReferenceBackend() {
        this(WorkerPool.defaultThreads());
    }

    public ReferenceBackend(int threads) {
        super(new WorkerPool(threads));
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    protected void gemmUnchecked(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha, boolean accumulate,
                                 Tensor bias, GemmShape s) {
        ReferenceGemm.gemm(a.data(), transA, b.data(), transB, c.data(), bias == null ? null : bias.data(),
                bias == null ? 0 : bias.offset(), s, alpha, accumulate);
    }

    @Override
    protected void softmaxUnchecked(Tensor x, Tensor mask, int rowsPerMaskRow) {
        ReferenceSoftmax.forward(x, mask, rowsPerMaskRow);
    }

    @Override
    protected void softmaxBackwardUnchecked(Tensor y, Tensor dy, Tensor dx) {
        ReferenceSoftmax.backward(y, dy, dx);
    }

    @Override
    protected void layerNormUnchecked(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd) {
        ReferenceLayerNorm.forward(x, gamma, beta, eps, y, mean, rstd);
    }

    @Override
    protected void layerNormBackwardUnchecked(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dx,
                                              Tensor dgamma, Tensor dbeta) {
        ReferenceLayerNorm.backward(dy, x, gamma, mean, rstd, dx, dgamma, dbeta);
    }

    @Override
    protected void activationUnchecked(Activation act, Tensor x, Tensor y) {
        ReferenceActivations.forward(act, x, y);
    }

    @Override
    protected void activationBackwardUnchecked(Activation act, Tensor in, Tensor dy, Tensor dx) {
        ReferenceActivations.backward(act, in, dy, dx);
    }

    @Override
    protected void dropoutUnchecked(Tensor x, Tensor y, float p, long seed) {
        ReferenceElementwise.dropout(x, y, p, seed);
    }

    @Override
    protected void embeddingUnchecked(Tensor table, int[] ids, Tensor out) {
        ReferenceEmbedding.gather(table, ids, out);
    }

    @Override
    protected void embeddingBackwardUnchecked(Tensor dOut, int[] ids, Tensor dTable) {
        ReferenceEmbedding.scatterAdd(dOut, ids, dTable);
    }

    @Override
    protected float crossEntropyUnchecked(Tensor logits, int[] labels, Tensor dLogits) {
        return ReferenceLosses.crossEntropy(logits, labels, dLogits);
    }

    @Override
    protected float mseUnchecked(Tensor pred, float[] targets, Tensor dPred) {
        return ReferenceLosses.mse(pred, targets, dPred);
    }

    @Override
    protected void columnSumsUnchecked(Tensor x, Tensor out) {
        ReferenceElementwise.columnSums(x, out);
    }

    @Override
    protected void addUnchecked(Tensor a, Tensor b, Tensor out) {
        ReferenceElementwise.add(a, b, out);
    }

    @Override
    protected void axpyUnchecked(float alpha, Tensor x, Tensor y) {
        ReferenceElementwise.axpy(alpha, x, y);
    }

    @Override
    protected void scaleUnchecked(Tensor x, float s) {
        ReferenceElementwise.scale(x, s);
    }

    @Override
    protected void copyUnchecked(Tensor src, Tensor dst) {
        ReferenceElementwise.copy(src, dst);
    }

    @Override
    protected void fillUnchecked(Tensor x, float v) {
        ReferenceElementwise.fill(x, v);
    }
}
