package hifi.engine.nn;

import hifi.engine.backend.Backend;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.runtime.Activation;
import hifi.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** The position-wise FFN: {@code out = W2·act(W1·x + b1) + b2} (HF {@code intermediate.dense}, {@code output.dense}). */
public final class FeedForward {
    private final Projection in;
    private final Projection out;
    private final Activation act;

    /** The input, the pre-activation and the activation ({@code [N, intermediate]} each). */
    public record Cache(Tensor x, Tensor pre, Tensor act) {
        /** Bytes held beyond the input (which belongs to the previous step). */
        public long bytes() {
            return 4L * (pre.numel() + act.numel());
        }
    }

    public FeedForward(Projection in, Projection out, Activation act) {
        this.in = in;
        this.out = out;
        this.act = act;
    }

    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>(in.parameters());
        p.addAll(out.parameters());
        return p;
    }

    public boolean isTrainable(Gradients grads) {
        return in.isTrainable(grads) || out.isTrainable(grads);
    }

    /** Writes {@code y [N, hidden]}. */
    public Cache forward(PassContext pass, Tensor x, Tensor y) {
        Backend be = pass.backend();
        Tensor pre = be.allocateOutput(x.rows(), in.out());
        in.forward(pass, x, pre);
        Tensor a = be.allocateOutput(pre.shape());
        be.activation(act, pre, a);
        out.forward(pass, a, y);
        return new Cache(x, pre, a);
    }

    /** Accumulates trainable parameter gradients; adds the input gradient into {@code dx} unless it is {@code null}. */
    public void backward(PassContext pass, Cache c, Tensor dy, Gradients grads, Tensor dx) {
        Backend be = pass.backend();
        out.backwardParams(pass, c.act(), dy, grads);
        if (dx == null && !in.isTrainable(grads)) return;
        Tensor dPre = be.allocateOutput(c.pre().shape());
        out.backwardInput(pass, dy, dPre, false);
        be.activationBackward(act, c.pre(), c.act(), dPre, dPre);
        in.backwardParams(pass, c.x(), dPre, grads);
        if (dx != null) in.backwardInput(pass, dPre, dx, true);
    }
}
