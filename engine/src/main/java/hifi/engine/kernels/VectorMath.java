package hifi.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code exp}, {@code tanh} and a lane sum on float vectors, built only from IEEE-exact operations (add, multiply,
 * divide, fused multiply-add, conversions). We do not use the Vector API's {@code EXP}/{@code TANH}: those run Intel's
 * SVML once C2 compiles a loop but {@code Math.exp} per lane before, so the same input gave results one ulp apart
 * depending on JIT warm-up, which broke run-to-run and thread-count determinism. Likewise {@code reduceLanes(ADD)}
 * may change its summation order when intrinsified; {@link #sumLanes} fixes it.
 *
 * <p>Coefficients are our own fits (engine/tools/fit_vector_math_coefficients.py prints them); accuracy about 1 ulp for exp and
 * 2 ulps for tanh ({@code VectorMathTest} checks against {@link Math}).
 */
public final class VectorMath {
    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.6931471824645996f, LN2_LO = -1.9046542121259336e-09f;
    /** {@code (exp(r) − 1 − r) / r²} on {@code |r| ≤ ln2/2}. */
    private static final float[] EXP_POLY = {0.4999999403953552f, 0.1666652113199234f, 0.041668374091386795f,
            0.008368718437850475f, 0.001381529844366014f};
    private static final float ROUNDING_MAGIC = 12582912f;  // 1.5·2²³: adding it rounds to an integer
    private static final float EXP_UNDERFLOW = -103.97208f; // exp below half the smallest subnormal float: 0
    private static final float EXP_OVERFLOW = 88.72284f;    // ln(Float.MAX_VALUE)
    /** {@code (tanh(x) − x) / x³} as a polynomial in {@code x²} on {@code |x| ≤ 0.625}. */
    private static final float[] TANH_POLY = {-0.3333328068256378f, 0.13331444561481476f, -0.05373981222510338f,
            0.020639311522245407f, -0.005705161951482296f};
    private static final float TANH_SPLIT = 0.625f;

    private VectorMath() {
    }

    /**
     * {@code exp(x)} lanewise: {@code x = k·ln2 + r} (Cody–Waite reduction with a two-part ln2), a degree-6
     * polynomial for {@code exp(r)}, then scaling by {@code 2^k} through the exponent bits.
     */
    public static FloatVector exp(FloatVector x) {
        FloatVector kf = x.mul(LOG2E).add(ROUNDING_MAGIC).sub(ROUNDING_MAGIC).max(-150f).min(128f);
        FloatVector r = kf.neg().fma(FloatVector.broadcast(x.species(), LN2_HI), x);
        r = kf.neg().fma(FloatVector.broadcast(x.species(), LN2_LO), r);
        FloatVector e = r.mul(r).fma(horner(EXP_POLY, r), r).add(1f);
        // 2^k as two normal powers of two 2^(k/2)·2^(k−k/2), so that k = 128 (results up to Float.MAX_VALUE) and
        // k < −126 (subnormal results) need no special case; the first product is exact, the second rounds once.
        IntVector k = kf.convert(VectorOperators.F2I, 0).reinterpretAsInts();
        IntVector kHalf = k.lanewise(VectorOperators.ASHR, 1);
        FloatVector result = e.mul(powerOfTwo(kHalf)).mul(powerOfTwo(k.sub(kHalf)));
        result = result.blend(0f, x.compare(VectorOperators.LT, EXP_UNDERFLOW));
        return result.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_OVERFLOW));
    }

    /** {@code 2^k} for {@code −126 ≤ k ≤ 127}, built from the exponent bits. */
    private static FloatVector powerOfTwo(IntVector k) {
        return k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    /**
     * {@code tanh(x)} lanewise: {@code x + x³·P(x²)} for {@code |x| < 0.625} (where the exp form would cancel), else
     * {@code sign(x) · (1 − 2 / (exp(2|x|) + 1))}.
     */
    public static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector x2 = x.mul(x);
        FloatVector inner = x2.mul(x).fma(horner(TANH_POLY, x2), x);
        VectorMask<Float> small = ax.compare(VectorOperators.LT, TANH_SPLIT);
        if (small.allTrue()) return inner;
        FloatVector magnitude = FloatVector.broadcast(x.species(), 2f).div(exp(ax.mul(2f)).add(1f)).neg().add(1f);
        FloatVector outer = magnitude.blend(magnitude.neg(), x.compare(VectorOperators.LT, 0f));
        return outer.blend(inner, small);
    }

    /** {@code Σ lanes} in lane order (sequential, the same in interpreted and compiled code). */
    public static float sumLanes(FloatVector v) {
        float[] lanes = v.toArray();
        float s = 0f;
        for (float x : lanes) s += x;
        return s;
    }

    /** {@code c[0] + t·(c[1] + t·(c[2] + ...))} with fused multiply-adds. */
    static FloatVector horner(float[] c, FloatVector t) {
        FloatVector acc = FloatVector.broadcast(t.species(), c[c.length - 1]);
        for (int k = c.length - 2; k >= 0; k--) acc = acc.fma(t, FloatVector.broadcast(t.species(), c[k]));
        return acc;
    }
}
