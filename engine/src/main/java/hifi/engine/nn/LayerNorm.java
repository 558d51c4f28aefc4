package hifi.engine.nn;

import hifi.engine.backend.Backend;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.tensor.Tensor;

import java.util.List;

/** {@code nn.LayerNorm} over the last dimension of {@code [N, C]} rows, with HF's {@code weight}/{@code bias} names. */
public final class LayerNorm {
    private final Parameter gamma;
    private final Parameter beta;
    private final float eps;

    /** What the backward needs: the input and the per-row statistics. */
    public record Cache(Tensor x, Tensor mean, Tensor rstd) {
        public long bytes() {
            return 4L * (x.numel() + mean.numel() + rstd.numel());
        }
    }

    public LayerNorm(Parameter gamma, Parameter beta, float eps) {
        this.gamma = gamma;
        this.beta = beta;
        this.eps = eps;
    }

    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    /** Normalises {@code x} into {@code y} (which may be {@code x} only if the caller keeps no other use of x). */
    public Cache forward(Backend be, Tensor x, Tensor y) {
        Tensor mean = be.allocate(x.rows()), rstd = be.allocate(x.rows());
        be.layerNorm(x, gamma.value(), beta.value(), eps, y, mean, rstd);
        return new Cache(x, mean, rstd);
    }

    /** Writes {@code dx} (unless {@code null}) and accumulates trainable {@code dgamma}/{@code dbeta}. */
    public void backward(Backend be, Cache c, Tensor dy, Tensor dx, Gradients grads) {
        Tensor dg = grads.whole(gamma.name()), db = grads.whole(beta.name());
        if (dx == null && dg == null && db == null) return;
        be.layerNormBackward(dy, c.x(), gamma.value(), c.mean(), c.rstd(), dx, dg, db);
    }

    public boolean isTrainable(Gradients grads) {
        return grads.has(gamma.name()) || grads.has(beta.name());
    }
}
