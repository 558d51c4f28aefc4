package hifi.engine.kernels;

import hifi.engine.backend.Activation;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise activations (exact GELU, tanh-approximated GELU, tanh, ReLU) and their derivatives, on float vectors.
 * The exact GELU uses {@link VectorErf}; tanh and exp come from {@link VectorMath} (bit-reproducible). Elements are split
 * among threads by {@link Segments}; every element is computed alone, so results do not depend on the thread count.
 */
public final class Activations {
    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));
    private static final float INV_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));
    private static final float TANH_K = (float) Math.sqrt(2 / Math.PI);
    private static final float TANH_C = 0.044715f;

    private Activations() {
    }

    /** {@code y = act(x)}; {@code y} may be {@code x}. */
    public static void forward(VectorSpecies<Float> s, Activation act, Tensor x, Tensor y) {
        float[] xd = x.data(), yd = y.data();
        Segments.forEach("activation " + act, (index, ox, oy, unused, n) -> {
            int j = 0;
            for (int bound = s.loopBound(n); j < bound; j += s.length()) {
                apply(act, FloatVector.fromArray(s, xd, ox + j)).intoArray(yd, oy + j);
            }
            if (j < n) {
                VectorMask<Float> m = s.indexInRange(j, n);
                apply(act, FloatVector.fromArray(s, xd, ox + j, m)).intoArray(yd, oy + j, m);
            }
        }, x, y);
    }

    /** {@code dx = act'(in) ⊙ dy}, {@code in} being x for GELU/ReLU and y for tanh; {@code dx} may be {@code dy}. */
    public static void backward(VectorSpecies<Float> s, Activation act, Tensor in, Tensor dy, Tensor dx) {
        float[] id = in.data(), dyd = dy.data(), dxd = dx.data();
        Segments.forEach("activationBackward " + act, (index, oi, ody, odx, n) -> {
            int j = 0;
            for (int bound = s.loopBound(n); j < bound; j += s.length()) {
                derivative(act, FloatVector.fromArray(s, id, oi + j)).mul(FloatVector.fromArray(s, dyd, ody + j)).intoArray(dxd, odx + j);
            }
            if (j < n) {
                VectorMask<Float> m = s.indexInRange(j, n);
                derivative(act, FloatVector.fromArray(s, id, oi + j, m)).mul(FloatVector.fromArray(s, dyd, ody + j, m)).intoArray(dxd, odx + j, m);
            }
        }, in, dy, dx);
    }

    /** {@code act(x)} lanewise. */
    public static FloatVector apply(Activation act, FloatVector x) {
        return switch (act) {
            case GELU -> x.mul(0.5f).mul(VectorErf.erf(x.mul(INV_SQRT2)).add(1f));
            case GELU_TANH -> x.mul(0.5f).mul(geluTanhInner(x).add(1f));
            case TANH -> VectorMath.tanh(x);
            case RELU -> x.max(0f);
        };
    }

    /** The derivative of {@code act}: as a function of its input for GELU/ReLU, of its output for tanh. */
    public static FloatVector derivative(Activation act, FloatVector in) {
        return switch (act) {
            case GELU -> {
                FloatVector cdf = VectorErf.erf(in.mul(INV_SQRT2)).add(1f).mul(0.5f);
                FloatVector pdf = VectorMath.exp(in.mul(in).mul(-0.5f)).mul(INV_SQRT_2PI);
                yield in.fma(pdf, cdf);
            }
            case GELU_TANH -> {
                FloatVector t = geluTanhInner(in);
                FloatVector sech2 = t.mul(t).neg().add(1f);
                FloatVector du = in.mul(in).mul(3 * TANH_C).add(1f).mul(TANH_K);
                yield t.add(1f).mul(0.5f).add(in.mul(0.5f).mul(sech2).mul(du));
            }
            case TANH -> in.mul(in).neg().add(1f);
            case RELU -> FloatVector.zero(in.species()).blend(1f, in.compare(VectorOperators.GT, 0f));
        };
    }

    /** {@code tanh(√(2/π) · (x + 0.044715 x³))}. */
    private static FloatVector geluTanhInner(FloatVector x) {
        FloatVector x2 = x.mul(x);
        return VectorMath.tanh(x2.fma(TANH_C, 1f).mul(x).mul(TANH_K));
    }
}
