package hifi.engine.backend;

import hifi.engine.runtime.Activation;
import hifi.engine.tensor.Tensor;

/**
 * Every op the model calls. Model code ({@code nn}, {@code bert}) holds a {@code Backend} and never loops over floats
 * itself, so a backend can keep its tensors wherever it likes (the heap, or a device).
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
public interface Backend {

    /** Short name for logs and benchmark tables, e.g. {@code reference} or {@code simd-512}. */
    String name();

    /** A zero-filled tensor resident where this backend computes. */
    default Tensor allocate(int... shape) {
        return Tensor.zeros(shape);
    }

    /**
     * A tensor with <b>unspecified contents</b>, for the output of an op that overwrites every element (a GEMM without
     * {@code accumulate}, a LayerNorm, an activation, a copy). Inside a {@link #openPass() pass} this skips the zeroing.
     */
    default Tensor allocateOutput(int... shape) {
        return allocate(shape);
    }

    /**
     * Starts a pass (one training step's forward and backward, or one inference batch): until the returned scope
     * closes, the tensors this backend allocates on the calling thread are recycled from earlier passes, and closing it
     * hands them back. Tensors allocated inside must not be used after the close; allocate what outlives the pass
     * (weights, gradients, optimiser state) outside any pass. The default recycles nothing.
     */
    default PassScope openPass() {
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
     * added to every row.
     */
    void gemm(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha, boolean accumulate, Tensor bias);

    /** {@code C = A · Bᵀ + bias}: the {@code nn.Linear} forward with an HF {@code [out, in]} weight. */
    default void linear(Tensor x, Tensor weight, Tensor bias, Tensor y) {
        gemm(x, false, weight, true, y, 1f, false, bias);
    }

    // ---------------------------------------------------------------- softmax

    /**
     * In place over the last dimension: {@code x = softmax(x + mask)}. {@code x} is {@code [B, ..., Tk]};
     * {@code additiveMask} is {@code null} or {@code [B, Tk]}, broadcast over the middle dimensions (heads, query
     * positions). Rows whose every entry is masked still produce a valid distribution.
     */
    void softmax(Tensor x, Tensor additiveMask);

    /** {@code dx = y ⊙ (dy − Σ_last(dy ⊙ y))} over the last dimension; {@code dx} may be {@code dy}. */
    void softmaxBackward(Tensor y, Tensor dy, Tensor dx);

    // ---------------------------------------------------------------- LayerNorm

    /**
     * Row-wise LayerNorm of {@code x [N, C]}: {@code y = (x − mean) · rstd · gamma + beta}, with two-pass statistics
     * (mean first, then the variance of the centred values; never {@code E[x²] − mean²}). Writes {@code mean [N]} and {@code rstd [N]} for the
     * backward. {@code y} may be {@code x}.
     */
    void layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd);

    /**
     * Overwrites {@code dx} (unless {@code null}) and accumulates {@code dgamma}, {@code dbeta} (each may be
     * {@code null}: frozen). {@code x} is the LayerNorm input, {@code mean}/{@code rstd} what the forward wrote; {@code dx} must not overlap {@code dy} or {@code x}.
     */
    void layerNormBackward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dx, Tensor dgamma, Tensor dbeta);

    // ---------------------------------------------------------------- activations

    /** {@code y = act(x)} elementwise; {@code y} may be {@code x}. */
    void activation(Activation act, Tensor x, Tensor y);

    /**
     * {@code dx = act'(x) ⊙ dy}. GELU variants read {@code x}; TANH reads {@code y} (its output); the other argument
     * may be {@code null}. {@code dx} may be {@code dy}.
     */
    void activationBackward(Activation act, Tensor x, Tensor y, Tensor dy, Tensor dx);

    // ---------------------------------------------------------------- dropout

    /**
     * {@code y = x ⊙ keep / (1 − p)}, {@code keep[i] = CounterRng.uniform(seed, i) ≥ p}, {@code i} the row-major
     * element index within {@code x}. The mask is a pure function of {@code (seed, i)}: it does not depend on threads
     * or scheduling, and the backward regenerates it instead of storing it. {@code p == 0} copies.
     */
    void dropout(Tensor x, Tensor y, float p, long seed);

    /** {@code dx = dy ⊙ keep / (1 − p)} with the mask of {@link #dropout} for the same {@code seed}. */
    void dropoutBackward(Tensor dy, Tensor dx, float p, long seed);

    // ---------------------------------------------------------------- embeddings

    /** {@code out[i, :] = table[ids[i], :]}; {@code out} is {@code [ids.length, C]}. An id outside the table throws. */
    void embedding(Tensor table, int[] ids, Tensor out);

    /** {@code dTable[ids[i], :] += dOut[i, :]} (scatter-add; repeated ids accumulate in index order). */
    void embeddingBackward(Tensor dOut, int[] ids, Tensor dTable);

    // ---------------------------------------------------------------- losses

    /**
     * Mean cross-entropy of {@code logits [N, C]} against {@code labels}; when {@code dLogits} is not {@code null}
     * it is overwritten with {@code (softmax(logits) − onehot) / N}. Returns the mean loss.
     */
    float crossEntropy(Tensor logits, int[] labels, Tensor dLogits);

    /**
     * Mean squared error of {@code pred [N, 1]} (or {@code [N]}) against {@code targets}; when {@code dPred} is not
     * {@code null} it is overwritten with {@code 2 (pred − target) / N}. Returns the mean loss.
     */
    float mse(Tensor pred, float[] targets, Tensor dPred);

    // ---------------------------------------------------------------- reductions and elementwise

    /** {@code out[c] += Σ_r x[r, c]} over all leading dimensions (bias gradients). */
    void columnSums(Tensor x, Tensor out);

    /** {@code out = a + b}; {@code out} may alias {@code a} or {@code b}. */
    void add(Tensor a, Tensor b, Tensor out);

    /** {@code y += alpha · x}. */
    void axpy(float alpha, Tensor x, Tensor y);

    /** {@code x *= s}. */
    void scale(Tensor x, float s);

    /** {@code dst = src}. */
    void copy(Tensor src, Tensor dst);

    /** Sets every element of {@code x} to {@code v}. */
    void fill(Tensor x, float v);
}
