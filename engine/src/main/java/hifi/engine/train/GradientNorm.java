package hifi.engine.train;

import hifi.engine.backend.Backend;
import hifi.engine.param.Gradients;
import hifi.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** The global L2 norm of all trainable gradients and the clipping factor of {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradientNorm {
    private GradientNorm() {
    }

    /** {@code √(Σ g²)} over every slice, in double precision, independent of the thread count; one host read. */
    public static double global(Backend be, Gradients grads) {
        List<Tensor> g = new ArrayList<>(grads.slices().size());
        for (Gradients.Slice slice : grads.slices()) g.add(slice.grad());
        return Math.sqrt(be.sumOfSquares(g));
    }

    /**
     * The factor that scales the gradients to norm at most {@code maxNorm}: {@code maxNorm / (norm + 1e-6)} when the
     * norm exceeds it, else 1. {@code maxNorm ≤ 0} disables clipping.
     */
    public static float clipFactor(double norm, double maxNorm) {
        if (maxNorm <= 0 || norm <= maxNorm) return 1f;
        return (float) (maxNorm / (norm + 1e-6));
    }
}
