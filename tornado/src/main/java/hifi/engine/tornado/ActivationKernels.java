package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import static hifi.engine.tornado.ArenaAddress.VIEW;
import static hifi.engine.tornado.ArenaAddress.element;
import static hifi.engine.tornado.ArenaAddress.flatElement;

/**
 * Elementwise activations and their derivatives as TornadoVM kernels, one work-item per element. {@code act} is the
 * ordinal of {@link hifi.engine.runtime.Activation} ({@link #GELU}, {@link #GELU_TANH}, {@link #TANH}, {@link #RELU});
 * the formulas are the reference backend's, evaluated in float.
 */
public final class ActivationKernels {
    static final int GELU = 0;
    static final int GELU_TANH = 1;
    static final int TANH = 2;
    static final int RELU = 3;
    private static final float INV_SQRT2 = 0.70710678118654752f;
    private static final float INV_SQRT_2PI = 0.39894228040143268f;
    private static final float SQRT_2_OVER_PI = 0.79788456080286536f;
    private static final float CUBIC = 0.044715f;

    private ActivationKernels() {
    }

    /** Descriptor: work (elements), activation code, then the views x, y (forward) or in, dy, dx (backward). */
    static final int V0 = 2, V1 = V0 + VIEW, V2 = V1 + VIEW;

    /** {@code y = act(x)}, one element per work-item. */
    public static void forward(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int e = ctx.globalIdx;
        if (e < d.get(0)) {
            m.set(flatElement(d, V1, e), activate(d.get(1), m.get(flatElement(d, V0, e))));
        }
    }

    /** {@code dx = act'(in) · dy}, {@code in} being the input {@code x} (GELU, RELU) or the output {@code y} (TANH). */
    public static void backward(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int e = ctx.globalIdx;
        if (e < d.get(0)) {
            m.set(element(d, V2, e), derivative(d.get(1), m.get(element(d, V0, e))) * m.get(element(d, V1, e)));
        }
    }

    static float activate(int act, float x) {
        float v;
        if (act == GELU) {
            v = 0.5f * x * (1f + DeviceErf.erf(x * INV_SQRT2));
        } else if (act == GELU_TANH) {
            v = 0.5f * x * onePlusTanh(SQRT_2_OVER_PI * (x + CUBIC * x * x * x));
        } else if (act == TANH) {
            v = TornadoMath.tanh(x);
        } else {
            v = TornadoMath.max(x, 0f);
        }
        return v;
    }

    /**
     * {@code 1 + tanh(u)} without cancellation: with {@code e = exp(−2|u|)} it is {@code 2/(1+e)} for {@code u ≥ 0} and
     * {@code 2e/(1+e)} below. The naive {@code 1 + tanh(u)} loses all relative accuracy where GELU's tail is tiny
     * (tanh(u) within a few ulps of −1), and so does {@code 1 − tanh²(u)}, written here as {@code 4e/(1+e)²}.
     */
    static float onePlusTanh(float u) {
        float e = TornadoMath.exp(-2f * TornadoMath.abs(u));
        return u >= 0f ? 2f / (1f + e) : 2f * e / (1f + e);
    }

    /** The derivative, of the input for GELU/RELU and through the output {@code y} for TANH ({@code 1 − y²}). */
    static float derivative(int act, float v) {
        float d;
        if (act == GELU) {
            d = 0.5f * (1f + DeviceErf.erf(v * INV_SQRT2)) + v * TornadoMath.exp(-0.5f * v * v) * INV_SQRT_2PI;
        } else if (act == GELU_TANH) {
            float u = SQRT_2_OVER_PI * (v + CUBIC * v * v * v);
            float e = TornadoMath.exp(-2f * TornadoMath.abs(u));
            float sech2 = 4f * e / ((1f + e) * (1f + e));
            d = 0.5f * onePlusTanh(u) + 0.5f * v * sech2 * SQRT_2_OVER_PI * (1f + 3f * CUBIC * v * v);
        } else if (act == TANH) {
            d = 1f - v * v;
        } else {
            d = v > 0f ? 1f : 0f;
        }
        return d;
    }
}
