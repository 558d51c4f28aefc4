package hifi.engine.backend;

import hifi.engine.kernels.Activations;
import hifi.engine.kernels.ColumnSums;
import hifi.engine.kernels.Dropout;
import hifi.engine.kernels.Elementwise;
import hifi.engine.kernels.Embedding;
import hifi.engine.kernels.GemmShape;
import hifi.engine.kernels.LayerNorm;
import hifi.engine.kernels.Losses;
import hifi.engine.kernels.SimdGemm;
import hifi.engine.kernels.Softmax;
import hifi.engine.runtime.Activation;
import hifi.engine.runtime.RowLayout;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import static hifi.engine.backend.ShapeChecks.checkCrossEntropy;
import static hifi.engine.backend.ShapeChecks.checkEmbedding;
import static hifi.engine.backend.ShapeChecks.checkMask;
import static hifi.engine.backend.ShapeChecks.checkMse;
import static hifi.engine.backend.ShapeChecks.checkP;
import static hifi.engine.backend.ShapeChecks.checkVector;
import static hifi.engine.backend.ShapeChecks.sameShape;

/**
 * The default CPU backend: Vector API kernels ({@code hifi.engine.kernels}) on the shared {@link WorkerPool}, all at
 * this backend's vector species. Arguments are checked here ({@code ShapeChecks}, the same checks and messages as
 * {@link ReferenceBackend}); the kernels assume valid shapes.
 */
public final class SimdBackend extends HeapBackend {
    private final VectorSpecies<Float> species;

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
    public String toString() {
        return name();
    }

    @Override
    public void gemm(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha, boolean accumulate, Tensor bias) {
        GemmShape s = GemmShape.of(a, transA, b, transB, c, bias);
        SimdGemm.gemm(species, a.data(), transA, b.data(), transB, c.data(), bias == null ? null : bias.data(),
                bias == null ? 0 : bias.offset(), s, alpha, accumulate);
    }

    @Override
    public void softmax(Tensor x, Tensor mask) {
        int rowsPerMaskRow = checkMask("softmax", x, mask, new RowLayout("softmax", x));
        Softmax.forward(species, x, mask, rowsPerMaskRow);
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor dy, Tensor dx) {
        sameShape("softmaxBackward", y, dy, dx);
        Softmax.backward(species, y, dy, dx);
    }

    @Override
    public void layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd) {
        sameShape("layerNorm", x, y);
        int c = x.dim(-1), rows = x.rows();
        checkVector("layerNorm", gamma, c, x);
        checkVector("layerNorm", beta, c, x);
        checkVector("layerNorm", mean, rows, x);
        checkVector("layerNorm", rstd, rows, x);
        LayerNorm.forward(species, x, gamma, beta, eps, y, mean, rstd);
    }

    @Override
    public void layerNormBackward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dx, Tensor dgamma, Tensor dbeta) {
        sameShape("layerNormBackward", dy, x);
        if (dx != null) sameShape("layerNormBackward", dy, dx);
        int c = x.dim(-1), rows = x.rows();
        checkVector("layerNormBackward", gamma, c, x);
        checkVector("layerNormBackward", mean, rows, x);
        checkVector("layerNormBackward", rstd, rows, x);
        if (dgamma != null) checkVector("layerNormBackward", dgamma, c, x);
        if (dbeta != null) checkVector("layerNormBackward", dbeta, c, x);
        LayerNorm.backward(species, dy, x, gamma, mean, rstd, dx, dgamma, dbeta);
    }

    @Override
    public void activation(Activation act, Tensor x, Tensor y) {
        sameShape("activation " + act, x, y);
        Activations.forward(species, act, x, y);
    }

    @Override
    public void activationBackward(Activation act, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Tensor in = act == Activation.TANH ? y : x;
        if (in == null) throw new IllegalArgumentException("activationBackward " + act + ": needs " + (act == Activation.TANH ? "y" : "x"));
        sameShape("activationBackward " + act, in, dy, dx);
        Activations.backward(species, act, in, dy, dx);
    }

    @Override
    public void dropout(Tensor x, Tensor y, float p, long seed) {
        checkP(p);
        sameShape("dropout", x, y);
        Dropout.apply(x, y, p, seed);
    }

    @Override
    public void dropoutBackward(Tensor dy, Tensor dx, float p, long seed) {
        checkP(p);
        sameShape("dropoutBackward", dy, dx);
        Dropout.apply(dy, dx, p, seed);
    }

    @Override
    public void embedding(Tensor table, int[] ids, Tensor out) {
        checkEmbedding("embedding", table, ids, out);
        Embedding.gather(table, ids, out);
    }

    @Override
    public void embeddingBackward(Tensor dOut, int[] ids, Tensor dTable) {
        checkEmbedding("embeddingBackward", dTable, ids, dOut);
        Embedding.scatterAdd(species, dOut, ids, dTable);
    }

    @Override
    public float crossEntropy(Tensor logits, int[] labels, Tensor dLogits) {
        checkCrossEntropy(logits, labels, dLogits);
        return Losses.crossEntropy(species, logits, labels, dLogits);
    }

    @Override
    public float mse(Tensor pred, float[] targets, Tensor dPred) {
        checkMse(pred, targets, dPred);
        return Losses.mse(pred, targets, dPred);
    }

    @Override
    public void columnSums(Tensor x, Tensor out) {
        checkVector("columnSums", out, x.dim(-1), x);
        ColumnSums.accumulate(species, x, out);
    }

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        sameShape("add", a, b, out);
        Elementwise.add(species, a, b, out);
    }

    @Override
    public void axpy(float alpha, Tensor x, Tensor y) {
        sameShape("axpy", x, y);
        Elementwise.axpy(species, alpha, x, y);
    }

    @Override
    public void scale(Tensor x, float s) {
        Elementwise.scale(species, x, s);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        sameShape("copy", src, dst);
        Elementwise.copy(src, dst);
    }

    @Override
    public void fill(Tensor x, float v) {
        Elementwise.fill(x, v);
    }
}
