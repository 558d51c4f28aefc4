package hifi.engine.kernels;

import hifi.engine.runtime.Activation;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise activations (exact GELU, tanh-approximated GELU, tanh, ReLU) and their derivatives on float vectors.
 *
 * <p>Each run of elements (see {@link Segments}) is processed in chunks of {@value #CHUNK} floats copied into small
 * buffers (padded to whole vectors, so no pass needs a tail) and pushed through a few array-to-array passes: the
 * {@link VectorErf} / {@link VectorMath} functions and the short loops below. Every loop holds its whole formula, so no
 * vector crosses a method call (see {@link VectorMath} on why that matters). Every element is computed alone, so
 * results do not depend on the thread count.
 */
public final class Activations {
    static final int CHUNK = 512;
    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));
    private static final float INV_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));
    private static final float TANH_K = (float) Math.sqrt(2 / Math.PI);
    private static final float TANH_C = 0.044715f;

    private Activations() {
    }

    /** {@code y = act(x)}; {@code y} may be {@code x}. */
    public static void forward(VectorSpecies<Float> s, WorkerPool pool, Activation act, Tensor x, Tensor y) {
        float[] xd = x.data(), yd = y.data();
        Segments.forEach(pool, "activation " + act, (index, ox, oy, unused, n) -> {
            float[] in = new float[CHUNK], out = new float[CHUNK], scratch = new float[CHUNK];
            for (int c = 0; c < n; c += CHUNK) {
                int len = Math.min(CHUNK, n - c), padded = roundUp(len, s.length());
                System.arraycopy(xd, ox + c, in, 0, len);
                switch (act) {
                    case GELU -> {
                        scale(s, in, INV_SQRT2, out, padded);
                        VectorErf.erf(s, out, out, scratch, padded);
                        halfXTimesOnePlus(s, in, out, padded);
                    }
                    case GELU_TANH -> {
                        geluTanhArgument(s, in, out, padded);
                        VectorMath.tanh(s, out, out, scratch, padded);
                        halfXTimesOnePlus(s, in, out, padded);
                    }
                    case TANH -> VectorMath.tanh(s, in, out, scratch, padded);
                    case RELU -> relu(s, in, out, padded);
                }
                System.arraycopy(out, 0, yd, oy + c, len);
            }
        }, x, y);
    }

    /** {@code dx = act'(in) ⊙ dy}, {@code in} being x for GELU/ReLU and y for tanh; {@code dx} may be {@code dy}. */
    public static void backward(VectorSpecies<Float> s, WorkerPool pool, Activation act, Tensor in, Tensor dy, Tensor dx) {
        float[] id = in.data(), dyd = dy.data(), dxd = dx.data();
        Segments.forEach(pool, "activationBackward " + act, (index, oi, ody, odx, n) -> {
            float[] v = new float[CHUNK], g = new float[CHUNK], out = new float[CHUNK], scratch = new float[CHUNK];
            for (int c = 0; c < n; c += CHUNK) {
                int len = Math.min(CHUNK, n - c), padded = roundUp(len, s.length());
                System.arraycopy(id, oi + c, v, 0, len);
                System.arraycopy(dyd, ody + c, g, 0, len);
                switch (act) {
                    case GELU -> {
                        scale(s, v, INV_SQRT2, out, padded);
                        VectorErf.erf(s, out, out, scratch, padded);
                        minusHalfSquare(s, v, scratch, padded);
                        VectorMath.exp(s, scratch, 0, padded, 0f);
                        geluGradient(s, v, out, scratch, g, padded);
                    }
                    case GELU_TANH -> {
                        geluTanhArgument(s, v, out, padded);
                        VectorMath.tanh(s, out, out, scratch, padded);
                        geluTanhGradient(s, v, out, g, padded);
                    }
                    case TANH -> tanhGradient(s, v, g, out, padded);
                    case RELU -> reluGradient(s, v, g, out, padded);
                }
                System.arraycopy(out, 0, dxd, odx + c, len);
            }
        }, in, dy, dx);
    }

    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    // ---------------------------------------------------------------- passes over padded chunks (n whole vectors)

    /** {@code out = x · factor}. */
    private static void scale(VectorSpecies<Float> s, float[] x, float factor, float[] out, int n) {
        for (int j = 0; j < n; j += s.length()) FloatVector.fromArray(s, x, j).mul(factor).intoArray(out, j);
    }

    /** {@code out = x/2 · (1 + out)}: GELU from erf(x/√2) or from tanh(u). */
    private static void halfXTimesOnePlus(VectorSpecies<Float> s, float[] x, float[] out, int n) {
        for (int j = 0; j < n; j += s.length()) {
            FloatVector.fromArray(s, x, j).mul(0.5f).mul(FloatVector.fromArray(s, out, j).add(1f)).intoArray(out, j);
        }
    }

    /** {@code out = √(2/π) · (x + 0.044715 x³)}. */
    private static void geluTanhArgument(VectorSpecies<Float> s, float[] x, float[] out, int n) {
        for (int j = 0; j < n; j += s.length()) {
            FloatVector v = FloatVector.fromArray(s, x, j);
            v.mul(v).fma(TANH_C, 1f).mul(v).mul(TANH_K).intoArray(out, j);
        }
    }

    private static void relu(VectorSpecies<Float> s, float[] x, float[] out, int n) {
        for (int j = 0; j < n; j += s.length()) FloatVector.fromArray(s, x, j).max(0f).intoArray(out, j);
    }

    /** {@code out = −x²/2} (the exponent of the normal density). */
    private static void minusHalfSquare(VectorSpecies<Float> s, float[] x, float[] out, int n) {
        for (int j = 0; j < n; j += s.length()) {
            FloatVector v = FloatVector.fromArray(s, x, j);
            v.mul(v).mul(-0.5f).intoArray(out, j);
        }
    }

    /** {@code erfv = (Φ(x) + x·φ(x)) · dy} from {@code erfv = erf(x/√2)} and {@code expv = exp(−x²/2)}. */
    private static void geluGradient(VectorSpecies<Float> s, float[] x, float[] erfv, float[] expv, float[] dy, int n) {
        for (int j = 0; j < n; j += s.length()) {
            FloatVector v = FloatVector.fromArray(s, x, j);
            FloatVector cdf = FloatVector.fromArray(s, erfv, j).add(1f).mul(0.5f);
            FloatVector pdf = FloatVector.fromArray(s, expv, j).mul(INV_SQRT_2PI);
            v.fma(pdf, cdf).mul(FloatVector.fromArray(s, dy, j)).intoArray(erfv, j);
        }
    }

    /** {@code t = ((1 + t)/2 + x/2 · (1 − t²) · √(2/π)(1 + 3·0.044715 x²)) · dy} from {@code t = tanh(u)}. */
    private static void geluTanhGradient(VectorSpecies<Float> s, float[] x, float[] t, float[] dy, int n) {
        for (int j = 0; j < n; j += s.length()) {
            FloatVector v = FloatVector.fromArray(s, x, j), tv = FloatVector.fromArray(s, t, j);
            FloatVector sech2 = tv.mul(tv).neg().add(1f);
            FloatVector du = v.mul(v).mul(3 * TANH_C).add(1f).mul(TANH_K);
            tv.add(1f).mul(0.5f).add(v.mul(0.5f).mul(sech2).mul(du)).mul(FloatVector.fromArray(s, dy, j)).intoArray(t, j);
        }
    }

    /** {@code out = (1 − y²) · dy}. */
    private static void tanhGradient(VectorSpecies<Float> s, float[] y, float[] dy, float[] out, int n) {
        for (int j = 0; j < n; j += s.length()) {
            FloatVector v = FloatVector.fromArray(s, y, j);
            v.mul(v).neg().add(1f).mul(FloatVector.fromArray(s, dy, j)).intoArray(out, j);
        }
    }

    /** {@code out = x > 0 ? dy : 0}. */
    private static void reluGradient(VectorSpecies<Float> s, float[] x, float[] dy, float[] out, int n) {
        for (int j = 0; j < n; j += s.length()) {
            FloatVector v = FloatVector.fromArray(s, x, j);
            v.broadcast(0f).blend(FloatVector.fromArray(s, dy, j), v.compare(VectorOperators.GT, 0f)).intoArray(out, j);
        }
    }
}
