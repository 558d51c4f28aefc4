package hifi.engine.backend;

import hifi.engine.kernels.GemmShape;
import hifi.engine.kernels.SimdGemm;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The default CPU backend: Vector API kernels ({@code hifi.engine.kernels}) on the shared {@link WorkerPool}.
 * Ops that have no SIMD kernel yet fall back to {@link ReferenceBackend}.
 */
public final class SimdBackend implements Backend {
    private final VectorSpecies<Float> species;
    private final ReferenceBackend fallback = new ReferenceBackend();

    private SimdBackend(VectorSpecies<Float> species) {
        this.species = species;
    }

    /** {@code bits == 0}: the platform's preferred species; otherwise 128, 256 or 512. */
    public static SimdBackend create(int bits) {
        if (bits == 0) return new SimdBackend(FloatVector.SPECIES_PREFERRED);
        if (bits != 64 && bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("hifi.vector.bits must be 64, 128, 256 or 512, got " + bits);
        }
        return new SimdBackend(VectorSpecies.of(float.class, VectorShape.forBitSize(bits)));
    }

    public VectorSpecies<Float> species() {
        return species;
    }

    @Override
    public String name() {
        return "simd-" + species.vectorBitSize();
    }

    @Override
    public void gemm(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha, boolean accumulate, Tensor bias) {
        GemmShape s = GemmShape.of(a, transA, b, transB, c, bias);
        SimdGemm.gemm(species, a.data(), transA, b.data(), transB, c.data(), bias == null ? null : bias.data(),
                bias == null ? 0 : bias.offset(), s, alpha, accumulate);
    }

    @Override
    public void softmax(Tensor x, Tensor mask) {
        fallback.softmax(x, mask);
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor dy, Tensor dx) {
        fallback.softmaxBackward(y, dy, dx);
    }

    @Override
    public void layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd) {
        fallback.layerNorm(x, gamma, beta, eps, y, mean, rstd);
    }

    @Override
    public void layerNormBackward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dx, Tensor dgamma, Tensor dbeta) {
        fallback.layerNormBackward(dy, x, gamma, mean, rstd, dx, dgamma, dbeta);
    }

    @Override
    public void activation(Activation act, Tensor x, Tensor y) {
        fallback.activation(act, x, y);
    }

    @Override
    public void activationBackward(Activation act, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        fallback.activationBackward(act, x, y, dy, dx);
    }

    @Override
    public void dropout(Tensor x, Tensor y, float p, long seed) {
        fallback.dropout(x, y, p, seed);
    }

    @Override
    public void dropoutBackward(Tensor dy, Tensor dx, float p, long seed) {
        fallback.dropoutBackward(dy, dx, p, seed);
    }

    @Override
    public void embedding(Tensor table, int[] ids, Tensor out) {
        fallback.embedding(table, ids, out);
    }

    @Override
    public void embeddingBackward(Tensor dOut, int[] ids, Tensor dTable) {
        fallback.embeddingBackward(dOut, ids, dTable);
    }

    @Override
    public float crossEntropy(Tensor logits, int[] labels, Tensor dLogits) {
        return fallback.crossEntropy(logits, labels, dLogits);
    }

    @Override
    public float mse(Tensor pred, float[] targets, Tensor dPred) {
        return fallback.mse(pred, targets, dPred);
    }

    @Override
    public void columnSums(Tensor x, Tensor out) {
        fallback.columnSums(x, out);
    }

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        fallback.add(a, b, out);
    }

    @Override
    public void axpy(float alpha, Tensor x, Tensor y) {
        fallback.axpy(alpha, x, y);
    }

    @Override
    public void scale(Tensor x, float s) {
        fallback.scale(x, s);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        fallback.copy(src, dst);
    }

    @Override
    public void fill(Tensor x, float v) {
        fallback.fill(x, v);
    }
}
