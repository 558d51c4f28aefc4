package hifi.engine.backend;

import hifi.engine.kernels.AdamWKernel;
import hifi.engine.kernels.GemmShape;
import hifi.engine.runtime.Activation;
import hifi.engine.runtime.CounterRng;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;

import java.util.List;

import static hifi.engine.backend.ShapeChecks.checkCrossEntropy;
import static hifi.engine.backend.ShapeChecks.checkDisjoint;
import static hifi.engine.backend.ShapeChecks.checkEmbedding;
import static hifi.engine.backend.ShapeChecks.checkMask;
import static hifi.engine.backend.ShapeChecks.checkMse;
import static hifi.engine.backend.ShapeChecks.checkP;
import static hifi.engine.backend.ShapeChecks.checkRows;
import static hifi.engine.backend.ShapeChecks.checkVector;
import static hifi.engine.backend.ShapeChecks.leadingRows;
import static hifi.engine.backend.ShapeChecks.sameShape;

/**
 * Every op the model calls, behind one checked front. Model code ({@code nn}, {@code bert}, HiFi's statistics) holds
 * a {@code Backend} and never loops over floats itself, so a backend can keep its tensors wherever it likes (the heap,
 * or a device).
 *
 * <p>The public ops are final: each validates its arguments here, once for every backend (shapes, strides, overlap,
 * ids, labels and probabilities, see {@link ShapeChecks}), then calls the backend's unchecked hook
 * ({@code gemmUnchecked}, {@code softmaxUnchecked}, ...), which may assume valid arguments. A backend implements the
 * hooks: {@link ReferenceBackend} (scalar references), {@link SimdBackend} (Vector API kernels), a device backend, or
 * a {@link ForwardingBackend} that observes every op of another backend.
 *
 * <p>Conventions, common to all ops:
 * <ul>
 *   <li>Tensors have stride 1 in their last dimension; other dimensions may be strided views (row ranges, head
 *       slices, permuted batch dimensions).</li>
 *   <li><b>Parameter gradients accumulate</b> ({@code +=}: {@code dgamma}, {@code dbeta}, {@code dTable},
 *       {@link #columnSums}); <b>activation outputs and activation gradients are overwritten</b> unless a flag says
 *       otherwise. A {@code null} parameter-gradient argument means "frozen: do not compute it".</li>
 *   <li>Results are deterministic and independent of the thread count: every output element is produced by exactly one
 *       thread, with a fixed summation order.</li>
 *   <li>A shape mismatch throws {@link hifi.engine.tensor.ShapeException} naming the op and the shapes.</li>
 * </ul>
 */
public abstract class Backend {
    private static final String[] ACTIVATION_OPS = opNames("activation ");
    private static final String[] ACTIVATION_BACKWARD_OPS = opNames("activationBackward ");

    private final WorkerPool workers;

    /** {@code workers}: the threads this backend's kernels (and host code working beside it) run on. */
    protected Backend(WorkerPool workers) {
        if (workers == null) throw new IllegalArgumentException("a backend needs a worker pool");
        this.workers = workers;
    }

    private static String[] opNames(String prefix) {
        Activation[] acts = Activation.values();
        String[] names = new String[acts.length];
        for (Activation a : acts) names[a.ordinal()] = prefix + a;
        return names;
    }

    /** Short name for logs and benchmark tables, e.g. {@code reference} or {@code simd-512}. */
    public abstract String name();

    @Override
    public String toString() {
        return name();
    }

    /** This backend's worker threads. */
    public WorkerPool workers() {
        return workers;
    }

    /** A zero-filled tensor resident where this backend computes. */
    public Tensor allocate(int... shape) {
        return Tensor.zeros(shape);
    }

    /**
     * A tensor with <b>unspecified contents</b>, for the output of an op that overwrites every element (a GEMM without
     * {@code accumulate}, a LayerNorm, an activation, a copy). Inside a {@link #openPass() pass} this skips the zeroing.
     */
    public Tensor allocateOutput(int... shape) {
        return allocate(shape);
    }

    /**
     * Starts a pass (one training step's forward and backward, or one inference batch): until the returned scope
     * closes, the tensors this backend allocates on the calling thread are recycled from earlier passes, and closing it
     * hands them back. Tensors allocated inside must not be used after the close; allocate what outlives the pass
     * (weights, gradients, optimiser state) outside any pass. The default recycles nothing.
     */
    public PassScope openPass() {
        return PassScope.NONE;
    }

    // ---------------------------------------------------------------- GEMM

    /**
     * {@code C = alpha · op(A) · op(B) + (accumulate ? C : 0) + bias}, where {@code op(X)} is {@code X} or, when the
     * flag is set, {@code Xᵀ} (a transposed operand is stored {@code [K, M]} / {@code [N, K]} row-major).
     *
     * <p>Rank 2 is one product {@code [M,K]·[K,N] → [M,N]}. Rank ≥ 3 is a batched product: all leading (batch)
     * dimensions of A, B and C must be equal, and each batch index is an independent product (attention uses
     * {@code [batch, heads, T, dh]} views with arbitrary batch strides). {@code bias} is {@code null} or {@code [N]},
     * added to every row. C must not overlap A or B.
     */
    public final void gemm(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha, boolean accumulate, Tensor bias) {
        GemmShape s = GemmShape.of(a, transA, b, transB, c, bias);
        checkDisjoint("gemm", "C", c, "A", a);
        checkDisjoint("gemm", "C", c, "B", b);
        gemmUnchecked(a, transA, b, transB, c, alpha, accumulate, bias, s);
    }

    /** {@code C = A · Bᵀ + bias}: the {@code nn.Linear} forward with an HF {@code [out, in]} weight. */
    public final void linear(Tensor x, Tensor weight, Tensor bias, Tensor y) {
        gemm(x, false, weight, true, y, 1f, false, bias);
    }

    /**
     * The gradient of {@code C = alpha · op(A) · op(B)} with respect to A, in A's layout: {@code dA = alpha · dC · op(B)ᵀ}
     * (its transpose {@code alpha · op(B) · dCᵀ} when {@code transA}), overwriting {@code dA} or, with
     * {@code accumulate}, adding to it.
     */
    public final void gemmBackwardA(boolean transA, Tensor b, boolean transB, Tensor dc, float alpha, Tensor da, boolean accumulate) {
        if (transA) gemm(b, transB, dc, true, da, alpha, accumulate, null);
        else gemm(dc, false, b, !transB, da, alpha, accumulate, null);
    }

    /**
     * The gradient of {@code C = alpha · op(A) · op(B)} with respect to B, in B's layout: {@code dB = alpha · op(A)ᵀ · dC}
     * (its transpose {@code alpha · dCᵀ · op(A)} when {@code transB}), overwriting {@code dB} or, with
     * {@code accumulate}, adding to it.
     */
    public final void gemmBackwardB(Tensor a, boolean transA, boolean transB, Tensor dc, float alpha, Tensor db, boolean accumulate) {
        if (transB) gemm(dc, true, a, transA, db, alpha, accumulate, null);
        else gemm(a, !transA, dc, false, db, alpha, accumulate, null);
    }

    /** The input gradient of {@link #linear}: {@code dx = dy · W}, overwritten or (with {@code accumulate}) added. */
    public final void linearBackwardInput(Tensor dy, Tensor weight, Tensor dx, boolean accumulate) {
        gemmBackwardA(false, weight, true, dy, 1f, dx, accumulate);
    }

    /** The weight gradient of {@link #linear}: {@code dW += dyᵀ · x}. */
    public final void linearBackwardWeight(Tensor dy, Tensor x, Tensor dWeight) {
        gemmBackwardB(x, false, true, dy, 1f, dWeight, true);
    }

    // ---------------------------------------------------------------- softmax

    /**
     * In place over the last dimension: {@code x = softmax(x + mask)}. {@code x} is {@code [B, ..., Tk]};
     * {@code additiveMask} is {@code null} or {@code [B, Tk]}, broadcast over the middle dimensions (heads, query
     * positions). Rows whose every entry is masked still produce a valid distribution.
     */
    public final void softmax(Tensor x, Tensor additiveMask) {
        checkRows("softmax", "x", x);
        softmaxUnchecked(x, additiveMask, checkMask("softmax", x, additiveMask));
    }

    /** {@code dx = y ⊙ (dy − Σ_last(dy ⊙ y))} over the last dimension; {@code dx} may be {@code dy}. */
    public final void softmaxBackward(Tensor y, Tensor dy, Tensor dx) {
        sameShape("softmaxBackward", y, dy, dx);
        checkRows("softmaxBackward", "y", y);
        checkRows("softmaxBackward", "dy", dy);
        checkRows("softmaxBackward", "dx", dx);
        softmaxBackwardUnchecked(y, dy, dx);
    }

    // ---------------------------------------------------------------- LayerNorm

    /**
     * Row-wise LayerNorm of {@code x [N, C]}: {@code y = (x − mean) · rstd · gamma + beta}, with two-pass statistics
     * (mean first, then the variance of the centred values; never {@code E[x²] − mean²}). Writes {@code mean [N]} and
     * {@code rstd [N]} for the backward. {@code y} may be {@code x}.
     */
    public final void layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd) {
        sameShape("layerNorm", x, y);
        checkRows("layerNorm", "x", x);
        checkRows("layerNorm", "y", y);
        int c = x.dim(-1), rows = leadingRows(x);
        checkVector("layerNorm", gamma, c, x);
        checkVector("layerNorm", beta, c, x);
        checkVector("layerNorm", mean, rows, x);
        checkVector("layerNorm", rstd, rows, x);
        layerNormUnchecked(x, gamma, beta, eps, y, mean, rstd);
    }

    /**
     * Overwrites {@code dx} (unless {@code null}) and accumulates {@code dgamma}, {@code dbeta} (each may be
     * {@code null}: frozen). {@code x} is the LayerNorm input, {@code mean}/{@code rstd} what the forward wrote;
     * {@code dx} must not overlap {@code dy} or {@code x}.
     */
    public final void layerNormBackward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dx, Tensor dgamma, Tensor dbeta) {
        sameShape("layerNormBackward", dy, x);
        if (dx != null) sameShape("layerNormBackward", dy, dx);
        checkRows("layerNormBackward", "dy", dy);
        checkRows("layerNormBackward", "x", x);
        if (dx != null) checkRows("layerNormBackward", "dx", dx);
        int c = x.dim(-1), rows = leadingRows(x);
        checkVector("layerNormBackward", gamma, c, x);
        checkVector("layerNormBackward", mean, rows, x);
        checkVector("layerNormBackward", rstd, rows, x);
        if (dgamma != null) checkVector("layerNormBackward", dgamma, c, x);
        if (dbeta != null) checkVector("layerNormBackward", dbeta, c, x);
        checkDisjoint("layerNormBackward", "dx", dx, "dy", dy);
        checkDisjoint("layerNormBackward", "dx", dx, "x", x);
        layerNormBackwardUnchecked(dy, x, gamma, mean, rstd, dx, dgamma, dbeta);
    }

    // ---------------------------------------------------------------- activations

    /** {@code y = act(x)} elementwise; {@code y} may be {@code x}. */
    public final void activation(Activation act, Tensor x, Tensor y) {
        sameShape(ACTIVATION_OPS[act.ordinal()], x, y);
        activationUnchecked(act, x, y);
    }

    /**
     * {@code dx = act'(x) ⊙ dy}. GELU variants read {@code x}; TANH reads {@code y} (its output); the other argument
     * may be {@code null}. {@code dx} may be {@code dy}.
     */
    public final void activationBackward(Activation act, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Tensor in = act == Activation.TANH ? y : x;
        if (in == null) throw new IllegalArgumentException("activationBackward " + act + ": needs " + (act == Activation.TANH ? "y" : "x"));
        sameShape(ACTIVATION_BACKWARD_OPS[act.ordinal()], in, dy, dx);
        activationBackwardUnchecked(act, in, dy, dx);
    }

    // ---------------------------------------------------------------- dropout

    /**
     * {@code y = x ⊙ keep / (1 − p)}, {@code keep[i] = CounterRng.uniform(seed, i) ≥ p}, {@code i} the row-major
     * element index within {@code x}. The mask is a pure function of {@code (seed, i)}: it does not depend on threads
     * or scheduling, and the backward regenerates it instead of storing it. {@code p == 0} copies.
     */
    public final void dropout(Tensor x, Tensor y, float p, long seed) {
        checkP(p);
        sameShape("dropout", x, y);
        dropoutUnchecked(x, y, p, seed);
    }

    /** {@code dx = dy ⊙ keep / (1 − p)} with the mask of {@link #dropout} for the same {@code seed}. */
    public final void dropoutBackward(Tensor dy, Tensor dx, float p, long seed) {
        checkP(p);
        sameShape("dropoutBackward", dy, dx);
        dropoutUnchecked(dy, dx, p, seed);
    }

    // ---------------------------------------------------------------- embeddings

    /** {@code out[i, :] = table[ids[i], :]}; {@code out} is {@code [ids.length, C]}. An id outside the table throws. */
    public final void embedding(Tensor table, int[] ids, Tensor out) {
        checkEmbedding("embedding", table, ids, out);
        embeddingUnchecked(table, ids, out);
    }

    /** {@code dTable[ids[i], :] += dOut[i, :]} (scatter-add; repeated ids accumulate in index order). */
    public final void embeddingBackward(Tensor dOut, int[] ids, Tensor dTable) {
        checkEmbedding("embeddingBackward", dTable, ids, dOut);
        embeddingBackwardUnchecked(dOut, ids, dTable);
    }

    // ---------------------------------------------------------------- losses

    /**
     * Mean cross-entropy of {@code logits [N, C]} against {@code labels}; when {@code dLogits} is not {@code null}
     * it is overwritten with {@code (softmax(logits) − onehot) / N}. Returns the mean loss.
     */
    public final float crossEntropy(Tensor logits, int[] labels, Tensor dLogits) {
        checkCrossEntropy(logits, labels, dLogits);
        return crossEntropyUnchecked(logits, labels, dLogits);
    }

    /**
     * Mean squared error of {@code pred [N, 1]} (or {@code [N]}) against {@code targets}; when {@code dPred} is not
     * {@code null} it is overwritten with {@code 2 (pred − target) / N}. Returns the mean loss.
     */
    public final float mse(Tensor pred, float[] targets, Tensor dPred) {
        checkMse(pred, targets, dPred);
        return mseUnchecked(pred, targets, dPred);
    }

    // ---------------------------------------------------------------- reductions and elementwise

    /** {@code out[c] += Σ_r x[r, c]} over all leading dimensions (bias gradients). */
    public final void columnSums(Tensor x, Tensor out) {
        checkRows("columnSums", "x", x);
        checkVector("columnSums", out, x.dim(-1), x);
        columnSumsUnchecked(x, out);
    }

    /** {@code out = a + b}; {@code out} may alias {@code a} or {@code b}. */
    public final void add(Tensor a, Tensor b, Tensor out) {
        sameShape("add", a, b, out);
        addUnchecked(a, b, out);
    }

    /** {@code y += alpha · x}. */
    public final void axpy(float alpha, Tensor x, Tensor y) {
        sameShape("axpy", x, y);
        axpyUnchecked(alpha, x, y);
    }

    /** {@code x *= s}. */
    public final void scale(Tensor x, float s) {
        scaleUnchecked(x, s);
    }

    /** {@code dst = src}. */
    public final void copy(Tensor src, Tensor dst) {
        sameShape("copy", src, dst);
        copyUnchecked(src, dst);
    }

    /** Sets every element of {@code x} to {@code v}. */
    public final void fill(Tensor x, float v) {
        fillUnchecked(x, v);
    }

    /** {@code Σ x²} over a contiguous tensor, in double precision and independent of the thread count. */
    public final double sumOfSquares(Tensor x) {
        checkSumOfSquares(x);
        return sumOfSquaresUnchecked(x);
    }

    /**
     * {@code Σ x²} over every tensor of {@code xs}, each summed as {@link #sumOfSquares(Tensor)} does and the sums added
     * in list order (the global gradient norm): a device backend returns it with one host read instead of one per
     * tensor.
     */
    public final double sumOfSquares(List<Tensor> xs) {
        for (Tensor x : xs) checkSumOfSquares(x);
        return sumOfSquaresUnchecked(xs);
    }

    private static void checkSumOfSquares(Tensor x) {
        if (!x.isContiguous()) throw new IllegalArgumentException("sumOfSquares: tensor must be contiguous, got " + x);
    }

    /**
     * One AdamW update ({@link AdamWKernel}) of {@code param} (any strides, last dimension contiguous) from
     * {@code grad} with the moments {@code m} and {@code v}: contiguous tensors of {@code param}'s shape.
     */
    public final void adamW(Tensor param, Tensor grad, Tensor m, Tensor v, AdamWKernel.Step step) {
        sameShape("adamW", param, grad, m);
        sameShape("adamW", param, v);
        if (!grad.isContiguous() || !m.isContiguous() || !v.isContiguous()) {
            throw new IllegalArgumentException("AdamW: gradient and moments must be contiguous");
        }
        checkRows("adamW", "param", param);
        adamWUnchecked(param, grad, m, v, step);
    }

    // ---------------------------------------------------------------- host reads

    /**
     * Copies {@code src}'s elements, in row-major order, into {@code dst} from {@code offset} on: the way host code
     * (HiFi's statistics) reads a tensor's values, wherever the backend keeps them.
     */
    public final void toHost(Tensor src, float[] dst, int offset) {
        checkRows("toHost", "src", src);
        if (offset < 0 || (long) offset + src.numel() > dst.length) {
            throw new IllegalArgumentException("toHost: " + src.numel() + " floats from offset " + offset + " do not fit an array of " + dst.length);
        }
        toHostUnchecked(src, dst, offset);
    }

    /** {@code src}'s elements in row-major order, as a new array ({@link #toHost(Tensor, float[], int)}). */
    public final float[] toHost(Tensor src) {
        float[] out = new float[src.numel()];
        toHost(src, out, 0);
        return out;
    }

    /**
     * Keeps {@code tensors} (host tensors that outlive passes: weights, gradients, optimiser moments) in device memory
     * between passes until the returned set closes; see {@link ResidentSet} for what host code may do meanwhile. The
     * default keeps nothing.
     */
    public ResidentSet keepResident(List<Tensor> tensors) {
        return ResidentSet.NONE;
    }

    // ---------------------------------------------------------------- graph boundaries

    /**
     * A hint from model code: a natural end of a recorded device graph (between two encoder layers, forward and
     * backward). A backend that records ops and replays them as a few device executions may close the graph it is
     * recording here; the others ignore it. Results never depend on it.
     */
    public void graphBoundary() {
    }

    // ---------------------------------------------------------------- the unchecked hooks a backend implements

    /** {@link #gemm} with valid arguments; {@code shape} is their validated geometry. */
    protected abstract void gemmUnchecked(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha,
                                          boolean accumulate, Tensor bias, GemmShape shape);

    /** {@link #softmax}; the mask row {@code r / rowsPerMaskRow} belongs to row {@code r} of {@code x}. */
    protected abstract void softmaxUnchecked(Tensor x, Tensor additiveMask, int rowsPerMaskRow);

    protected abstract void softmaxBackwardUnchecked(Tensor y, Tensor dy, Tensor dx);

    protected abstract void layerNormUnchecked(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd);

    protected abstract void layerNormBackwardUnchecked(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd,
                                                       Tensor dx, Tensor dgamma, Tensor dbeta);

    protected abstract void activationUnchecked(Activation act, Tensor x, Tensor y);

    /** {@link #activationBackward}; {@code in} is {@code y} for TANH and {@code x} otherwise. */
    protected abstract void activationBackwardUnchecked(Activation act, Tensor in, Tensor dy, Tensor dx);

    /** {@link #dropout}, and its backward (the same mask applied to the gradient). */
    protected abstract void dropoutUnchecked(Tensor x, Tensor y, float p, long seed);

    protected abstract void embeddingUnchecked(Tensor table, int[] ids, Tensor out);

    protected abstract void embeddingBackwardUnchecked(Tensor dOut, int[] ids, Tensor dTable);

    protected abstract float crossEntropyUnchecked(Tensor logits, int[] labels, Tensor dLogits);

    protected abstract float mseUnchecked(Tensor pred, float[] targets, Tensor dPred);

    protected abstract void columnSumsUnchecked(Tensor x, Tensor out);

    protected abstract void addUnchecked(Tensor a, Tensor b, Tensor out);

    protected abstract void axpyUnchecked(float alpha, Tensor x, Tensor y);

    protected abstract void scaleUnchecked(Tensor x, float s);

    protected abstract void copyUnchecked(Tensor src, Tensor dst);

    protected abstract void fillUnchecked(Tensor x, float v);

    protected abstract double sumOfSquaresUnchecked(Tensor x);

    /** The list form: the single-tensor hook per tensor, summed in list order. */
    protected double sumOfSquaresUnchecked(List<Tensor> xs) {
        double s = 0;
        for (Tensor x : xs) s += sumOfSquaresUnchecked(x);
        return s;
    }

    protected abstract void adamWUnchecked(Tensor param, Tensor grad, Tensor m, Tensor v, AdamWKernel.Step step);

    protected abstract void toHostUnchecked(Tensor src, float[] dst, int offset);
}
