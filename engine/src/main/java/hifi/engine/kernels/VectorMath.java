package hifi.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code exp} and {@code tanh} over float arrays with the Vector API, built only from IEEE-exact operations (add,
 * multiply, divide, fused multiply-add, conversions).
 *
 * <p>Why our own: the Vector API's {@code EXP}/{@code TANH} run Intel's SVML once C2 compiles a loop but
 * {@code Math.exp} per lane before, so the same input gave results one ulp apart depending on JIT warm-up, which broke
 * run-to-run and thread-count determinism ({@code JitDeterminismTest}).
 *
 * <p>Why array-to-array: our species is a runtime value (the backend's), and C2 then boxes any vector that crosses a
 * call it did not inline, one allocation per vector (measured: 10–30× slower). So no helper here takes or returns a
 * vector; each loop body holds its whole formula. Coefficients are our own fits
 * ({@code engine/tools/fit_vector_math_coefficients.py}); accuracy about 1 ulp for exp and 2 ulps for tanh
 * ({@code VectorMathTest} checks against {@link Math}).
 */
public final class VectorMath {
    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.6931471824645996f, LN2_LO = -1.9046542121259336e-09f;
    /** {@code (exp(r) − 1 − r) / r²} on {@code |r| ≤ ln2/2}: {@code E0 + r·(E1 + r·(E2 + r·(E3 + r·E4)))}. */
    private static final float E0 = 0.4999999403953552f, E1 = 0.1666652113199234f, E2 = 0.041668374091386795f,
            E3 = 0.008368718437850475f, E4 = 0.001381529844366014f;
    private static final float ROUNDING_MAGIC = 12582912f;  // 1.5·2²³: adding it rounds to an integer
    private static final float EXP_UNDERFLOW = -103.97208f; // exp below half the smallest subnormal float: 0
    private static final float EXP_OVERFLOW = 88.72284f;    // ln(Float.MAX_VALUE)
    /** {@code (tanh(x) − x) / x³} as a polynomial in {@code t = x²} on {@code |x| ≤ 0.625}. */
    private static final float T0 = -0.3333328068256378f, T1 = 0.13331444561481476f, T2 = -0.05373981222510338f,
            T3 = 0.020639311522245407f, T4 = -0.005705161951482296f;
    private static final float TANH_SPLIT = 0.625f;

    private VectorMath() {
    }

    /**
     * {@code a[o+j] = exp(a[o+j] − shift)} for {@code j < n}: {@code x = k·ln2 + r} (Cody–Waite reduction with a
     * two-part ln2), a degree-6 polynomial for {@code exp(r)}, then scaling by {@code 2^k} through the exponent bits.
     */
    public static void exp(VectorSpecies<Float> s, float[] a, int o, int n, float shift) {
        int bound = s.loopBound(n);
        for (int j = 0; j < bound; j += s.length()) {
            FloatVector x = FloatVector.fromArray(s, a, o + j).sub(shift);
            FloatVector kf = x.mul(LOG2E).add(ROUNDING_MAGIC).sub(ROUNDING_MAGIC).max(-150f).min(128f);
            FloatVector r = kf.neg().fma(x.broadcast(LN2_HI), x);
            r = kf.neg().fma(x.broadcast(LN2_LO), r);
            FloatVector p = r.fma(x.broadcast(E4), x.broadcast(E3)).fma(r, x.broadcast(E2)).fma(r, x.broadcast(E1)).fma(r, x.broadcast(E0));
            FloatVector e = r.mul(r).fma(p, r).add(1f);
            // 2^k as two normal powers of two 2^(k/2)·2^(k−k/2), so that k = 128 (results up to Float.MAX_VALUE) and
            // k < −126 (subnormal results) need no special case; the first product is exact, the second rounds once.
            IntVector k = kf.convert(VectorOperators.F2I, 0).reinterpretAsInts();
            IntVector kHalf = k.lanewise(VectorOperators.ASHR, 1);
            FloatVector scaleLo = kHalf.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector scaleHi = k.sub(kHalf).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            e.mul(scaleLo).mul(scaleHi)
                    .blend(0f, x.compare(VectorOperators.LT, EXP_UNDERFLOW))
                    .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_OVERFLOW))
                    .intoArray(a, o + j);
        }
        if (bound < n) throughOneVector(s, a, o + bound, n - bound, buffer -> exp(s, buffer, 0, buffer.length, shift));
    }

    /**
     * {@code out[j] = tanh(x[j])} for {@code j < n}, {@code out} may be {@code x}; {@code scratch} holds at least
     * {@code n} floats. {@code x + x³·P(x²)} for {@code |x| < 0.625} (where the exp form would cancel), else
     * {@code sign(x) · (1 − 2 / (exp(2|x|) + 1))}; both are computed and blended, no branch.
     */
    public static void tanh(VectorSpecies<Float> s, float[] x, float[] out, float[] scratch, int n) {
        int bound = s.loopBound(n);
        for (int j = 0; j < bound; j += s.length()) {
            FloatVector.fromArray(s, x, j).abs().mul(2f).intoArray(scratch, j);
        }
        exp(s, scratch, 0, bound, 0f);
        for (int j = 0; j < bound; j += s.length()) {
            FloatVector v = FloatVector.fromArray(s, x, j);
            FloatVector t = v.mul(v);
            FloatVector p = t.fma(v.broadcast(T4), v.broadcast(T3)).fma(t, v.broadcast(T2)).fma(t, v.broadcast(T1)).fma(t, v.broadcast(T0));
            FloatVector inner = t.mul(v).fma(p, v);
            FloatVector magnitude = v.broadcast(2f).div(FloatVector.fromArray(s, scratch, j).add(1f)).neg().add(1f);
            magnitude.blend(magnitude.neg(), v.compare(VectorOperators.LT, 0f))
                    .blend(inner, v.abs().compare(VectorOperators.LT, TANH_SPLIT))
                    .intoArray(out, j);
        }
        if (bound < n) {
            float[] tail = java.util.Arrays.copyOfRange(x, bound, bound + s.length());
            tanh(s, tail, tail, new float[s.length()], s.length());
            System.arraycopy(tail, 0, out, bound, n - bound);
        }
    }

    /** Runs {@code body} on a one-vector copy of {@code a[o .. o+n)} ({@code n} < one vector) and copies it back. */
    static void throughOneVector(VectorSpecies<Float> s, float[] a, int o, int n, java.util.function.Consumer<float[]> body) {
        float[] buffer = new float[s.length()];
        System.arraycopy(a, o, buffer, 0, n);
        body.accept(buffer);
        System.arraycopy(buffer, 0, a, o, n);
    }
}
