package hifi.engine.kernels;

import hifi.engine.runtime.Activation;
import hifi.engine.runtime.RowLayout;
import hifi.engine.tensor.Tensor;
import org.apache.commons.math3.special.Erf;

/**
 * The scalar reference of {@link Activations}: each activation and its derivative in {@code double} (exact
 * {@code erf} from Commons Math). Arguments are checked by the caller (the backend front).
 */
public final class ReferenceActivations {
    private ReferenceActivations() {
    }

    /** The reference definition of each activation, in double precision. */
    public static double activate(Activation act, double x) {
        return switch (act) {
            case GELU -> 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)));
            case GELU_TANH -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            case TANH -> Math.tanh(x);
            case RELU -> Math.max(x, 0);
        };
    }

    /** The derivative of each activation: of its input {@code x} for GELU/RELU, via its output {@code y} for TANH. */
    public static double derivative(Activation act, double x, double y) {
        return switch (act) {
            case GELU -> 0.5 * (1 + Erf.erf(x / Math.sqrt(2))) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
            case GELU_TANH -> {
                double k = Math.sqrt(2 / Math.PI), u = k * (x + 0.044715 * x * x * x), t = Math.tanh(u);
                yield 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x);
            }
            case TANH -> 1 - y * y;
            case RELU -> x > 0 ? 1 : 0;
        };
    }

    /** {@code y = act(x)} elementwise; {@code y} may be {@code x}. */
    public static void forward(Activation act, Tensor x, Tensor y) {
        ReferenceElementwise.forEachPair("activation " + act, x, y, (in, out, oi, oo, n) -> {
            for (int j = 0; j < n; j++) out[oo + j] = (float) activate(act, in[oi + j]);
        });
    }

    /** {@code dx = act'(in) ⊙ dy}, where {@code in} is {@code y} for TANH and {@code x} otherwise. */
    public static void backward(Activation act, Tensor in, Tensor dy, Tensor dx) {
        RowLayout ri = new RowLayout("activationBackward", in), rdy = new RowLayout("activationBackward", dy), rdx = new RowLayout("activationBackward", dx);
        float[] id = in.data(), dyd = dy.data(), dxd = dx.data();
        for (int r = 0; r < ri.count(); r++) {
            int oi = ri.offset(r), ody = rdy.offset(r), odx = rdx.offset(r);
            for (int j = 0; j < ri.length(); j++) {
                double v = id[oi + j];
                double der = act == Activation.TANH ? derivative(act, 0, v) : derivative(act, v, 0);
                dxd[odx + j] = (float) (der * dyd[ody + j]);
            }
        }
    }
}
