package hifi.engine.kernels;

import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;

/**
 * The AdamW update of one parameter slice, as {@code torch.optim.AdamW} defines it (decoupled weight decay, bias
 * correction), written as a plain scalar loop: the update is memory-bound and a small part of a training step, so it
 * stays in its simplest, reviewable form.
 *
 * <p>For every element, with {@code g = gradScale · grad}:
 * <pre>
 * p ← p · (1 − lr·wd)
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * Each element is updated independently, so the result does not depend on how rows are split among threads.
 */
public final class AdamWKernel {
    private AdamWKernel() {
    }

    /**
     * The per-step constants of one update.
     *
     * @param decayFactor        {@code 1 − lr·wd} (1 for slices without weight decay)
     * @param stepSize           {@code lr / (1 − β₁ᵗ)}
     * @param biasCorrection2Sqrt {@code √(1 − β₂ᵗ)}
     * @param gradScale          multiplies every gradient first (gradient-accumulation average, clipping)
     */
    public record Step(float beta1, float beta2, float eps, float decayFactor, float stepSize, float biasCorrection2Sqrt,
                       float gradScale) {
    }

    /**
     * Updates {@code param} (any strides, last dimension contiguous) from {@code grad}, with the moments {@code m} and
     * {@code v}; {@code grad}, {@code m} and {@code v} are contiguous tensors of {@code param}'s shape (checked by the
     * {@code Backend} front).
     */
    public static void update(WorkerPool pool, Tensor param, Tensor grad, Tensor m, Tensor v, Step s) {
        float[] p = param.data(), g = grad.data(), md = m.data(), vd = v.data();
        int gBase = grad.offset(), mBase = m.offset(), vBase = v.offset();
        Segments.forEach(pool, "adamw", (index, op, og, unused, n) ->
                updateRun(p, op, g, og, md, mBase + (og - gBase), vd, vBase + (og - gBase), n, s), param, grad);
    }

    /** The scalar loop over {@code n} consecutive elements. */
    static void updateRun(float[] p, int op, float[] g, int og, float[] m, int om, float[] v, int ov, int n, Step s) {
        float b1 = s.beta1(), b2 = s.beta2(), c1 = 1f - b1, c2 = 1f - b2;
        for (int i = 0; i < n; i++) {
            float gi = g[og + i] * s.gradScale();
            float mi = b1 * m[om + i] + c1 * gi;
            float vi = b2 * v[ov + i] + c2 * gi * gi;
            m[om + i] = mi;
            v[ov + i] = vi;
            float denom = (float) Math.sqrt(vi) / s.biasCorrection2Sqrt() + s.eps();
            p[op + i] = p[op + i] * s.decayFactor() - s.stepSize() * (mi / denom);
        }
    }
}
