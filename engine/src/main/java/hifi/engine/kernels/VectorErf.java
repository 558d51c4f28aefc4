package hifi.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static hifi.engine.kernels.ErfCoefficients.*;

/**
 * The error function over float arrays (Java has no {@code erf}, and the Vector API has no ERF operator). Two
 * pieces, split at {@code |x| = 0.875}, both computed for every lane and blended:
 * <ul>
 *   <li>{@code |x| < 0.875}: {@code erf(x) = x · P(x²)}, P a degree-5 polynomial;</li>
 *   <li>{@code |x| ≥ 0.875}: {@code erf(x) = sign(x) · (1 − exp(−a²) · N(a) / D(a))}, {@code a = min(|x|, 3.92)}
 *       (beyond 3.92 erf rounds to ±1 in float), N/D a degree-3 rational.</li>
 * </ul>
 * The coefficients are our own fits (engine/tools/fit_vector_math_coefficients.py: reweighted least squares towards
 * minimax, then rounded to float). Evaluated in float with fused multiply-adds and {@link VectorMath#exp}, the
 * maximum absolute error is about 1.1e-7, i.e. within two float ulps of the true value (ulp(0.8) = 6e-8);
 * {@code VectorErfTest} checks it against Commons Math's {@code Erf.erf}. Array-to-array for the reason given in
 * {@link VectorMath}.
 */
public final class VectorErf {

    private VectorErf() {
    }

    /** {@code out[j] = erf(x[j])} for {@code j < n}; {@code out} may be {@code x}; {@code scratch} holds ≥ n floats. */
    public static void erf(VectorSpecies<Float> s, float[] x, float[] out, float[] scratch, int n) {
        int bound = s.loopBound(n);
        for (int j = 0; j < bound; j += s.length()) {
            FloatVector a = FloatVector.fromArray(s, x, j).abs().min(CLAMP);
            a.mul(a).neg().intoArray(scratch, j);
        }
        VectorMath.exp(s, scratch, 0, bound, 0f);
        for (int j = 0; j < bound; j += s.length()) {
            FloatVector v = FloatVector.fromArray(s, x, j);
            FloatVector t = v.mul(v);
            FloatVector p = t.fma(v.broadcast(P5), v.broadcast(P4)).fma(t, v.broadcast(P3)).fma(t, v.broadcast(P2))
                    .fma(t, v.broadcast(P1)).fma(t, v.broadcast(P0));
            FloatVector inner = v.mul(p);
            FloatVector ax = v.abs();
            FloatVector a = ax.min(CLAMP);
            FloatVector num = a.fma(v.broadcast(N3), v.broadcast(N2)).fma(a, v.broadcast(N1)).fma(a, v.broadcast(N0));
            FloatVector den = a.fma(v.broadcast(D3), v.broadcast(D2)).fma(a, v.broadcast(D1)).fma(a, v.broadcast(1f));
            FloatVector magnitude = FloatVector.fromArray(s, scratch, j).mul(num.div(den)).neg().add(1f);
            magnitude.blend(magnitude.neg(), v.compare(VectorOperators.LT, 0f))
                    .blend(inner, ax.compare(VectorOperators.LT, SPLIT))
                    .intoArray(out, j);
        }
        if (bound < n) {
            float[] tail = java.util.Arrays.copyOfRange(x, bound, bound + s.length());
            erf(s, tail, tail, new float[s.length()], s.length());
            System.arraycopy(tail, 0, out, bound, n - bound);
        }
    }

    /** {@code erf(x)} for one float, by the same formula (for tests and scalar callers). */
    public static float erf(float x) {
        float[] v = {x, 0f, 0f, 0f};
        erf(FloatVector.SPECIES_128, v, v, new float[4], 4);
        return v[0];
    }
}
