package hifi.engine.backend;

import hifi.engine.kernels.Activations;
import hifi.engine.kernels.AdamWKernel;
import hifi.engine.kernels.ColumnSums;
import hifi.engine.kernels.Dropout;
import hifi.engine.kernels.Elementwise;
import hifi.engine.kernels.Embedding;
import hifi.engine.kernels.GemmShape;
import hifi.engine.kernels.LayerNorm;
import hifi.engine.kernels.Losses;
import hifi.engine.kernels.SimdGemm;
import hifi.engine.kernels.Softmax;
import hifi.engine.kernels.SquaredNorm;
import hifi.engine.runtime.Activation;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The default CPU backend: Vector API kernels ({@code hifi.engine.kernels}) on this backend's {@link WorkerPool}, all
 * at this backend's vector species. The {@link Backend} front has checked the arguments; the kernels assume valid
 * shapes.
 */
public final class SimdBackend extends HeapBackend {
    private final VectorSpecies<Float> species;

    private SimdBackend(VectorSpecies<Float> species, WorkerPool workers) {
        super(workers);
        this.species = species;
    }

    /**
     * {@code bits == 0}: the platform's preferred species; otherwise 128, 256 or 512. With a worker pool of
     * {@link WorkerPool#defaultThreads()} threads.
     */
    public static SimdBackend create(int bits) {
        return create(bits, WorkerPool.defaultThreads());
    }

    /** As {@link #create(int)}, on a worker pool of {@code threads} threads owned by the new backend. */
    public static SimdBackend create(int bits, int threads) {
        if (bits == 0) return new SimdBackend(FloatVector.SPECIES_PREFERRED, new WorkerPool(threads));
        if (bits != 64 && bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("hifi.vector.bits must be 64, 128, 256 or 512, got " + bits);
        }
        return new SimdBackend(VectorSpecies.of(float.class, VectorShape.forBitSize(bits)), new WorkerPool(threads));
    }

    public VectorSpecies<Float> species() {
        return species;
    }

    @Override
    public String name() {
        return "simd-" + species.vectorBitSize();
    }

    @Override
    protected void gemmUnchecked(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha, boolean accumulate,
                                 Tensor bias, GemmShape s) {
        SimdGemm.gemm(species, workers(), a.data(), transA, b.data(), transB, c.data(), bias == null ? null : bias.data(),
                bias == null ? 0 : bias.offset(), s, alpha, accumulate);
    }

    @Override
    protected void softmaxUnchecked(Tensor x, Tensor mask, int rowsPerMaskRow) {
        Softmax.forward(species, workers(), x, mask, rowsPerMaskRow);
    }

    @Override
    protected void softmaxBackwardUnchecked(Tensor y, Tensor dy, Tensor dx) {
        Softmax.backward(species, workers(), y, dy, dx);
    }

    @Override
    protected void layerNormUnchecked(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd) {
        LayerNorm.forward(species, workers(), x, gamma, beta, eps, y, mean, rstd);
    }

    @Override
    protected void layerNormBackwardUnchecked(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dx,
                                              Tensor dgamma, Tensor dbeta) {
        LayerNorm.backward(species, workers(), dy, x, gamma, mean, rstd, dx, dgamma, dbeta);
    }

    @Override
    protected void activationUnchecked(Activation act, Tensor x, Tensor y) {
        Activations.forward(species, workers(), act, x, y);
    }

    @Override
    protected void activationBackwardUnchecked(Activation act, Tensor in, Tensor dy, Tensor dx) {
        Activations.backward(species, workers(), act, in, dy, dx);
    }

    @Override
    protected void dropoutUnchecked(Tensor x, Tensor y, float p, long seed) {
        Dropout.apply(workers(), x, y, p, seed);
    }

    @Override
    protected void embeddingUnchecked(Tensor table, int[] ids, Tensor out) {
        Embedding.gather(workers(), table, ids, out);
    }

    @Override
    protected void embeddingBackwardUnchecked(Tensor dOut, int[] ids, Tensor dTable) {
        Embedding.scatterAdd(species, workers(), dOut, ids, dTable);
    }

    @Override
    protected float crossEntropyUnchecked(Tensor logits, int[] labels, Tensor dLogits) {
        return Losses.crossEntropy(species, workers(), logits, labels, dLogits);
    }

    @Override
    protected float mseUnchecked(Tensor pred, float[] targets, Tensor dPred) {
        return Losses.mse(pred, targets, dPred);
    }

    @Override
    protected void columnSumsUnchecked(Tensor x, Tensor out) {
        ColumnSums.accumulate(species, workers(), x, out);
    }

    @Override
    protected void addUnchecked(Tensor a, Tensor b, Tensor out) {
        Elementwise.add(species, workers(), a, b, out);
    }

    @Override
    protected void axpyUnchecked(float alpha, Tensor x, Tensor y) {
        Elementwise.axpy(species, workers(), alpha, x, y);
    }

    @Override
    protected void scaleUnchecked(Tensor x, float s) {
        Elementwise.scale(species, workers(), x, s);
    }

    @Override
    protected void copyUnchecked(Tensor src, Tensor dst) {
        Elementwise.copy(workers(), src, dst);
    }

    @Override
    protected void fillUnchecked(Tensor x, float v) {
        Elementwise.fill(workers(), x, v);
    }
}
