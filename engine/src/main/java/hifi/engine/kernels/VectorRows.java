package hifi.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector reductions and updates over one row {@code a[o .. o+n)}: the building blocks of the row-wise kernels
 * (softmax, LayerNorm, cross-entropy, elementwise ops). Every loop runs whole vectors up to
 * {@code species.loopBound(n)} and finishes with one masked vector, so tails take the same arithmetic as the body.
 *
 * <p><b>Accumulators live in a small array, not in a loop-carried vector.</b> Our species is a runtime value (the
 * backend's), and C2 then cannot type a vector that flows around a loop: it boxes it on every iteration (measured:
 * one 96-byte allocation per vector and 10–30× slower). Loading and storing a per-lane partial-sum array instead
 * compiles to plain vector code. The lanes are combined at the end in lane order ({@link #sumInOrder}), so a result
 * depends only on the data and the species: not on threads, and not on JIT tier.
 */
public final class VectorRows {
    private VectorRows() {
    }

    /** {@code max_j a[o+j]} ({@code -∞} for an empty row). */
    public static float max(VectorSpecies<Float> s, float[] a, int o, int n) {
        float[] acc = new float[s.length()];
        java.util.Arrays.fill(acc, Float.NEGATIVE_INFINITY);
        int j = 0;
        for (int bound = s.loopBound(n); j < bound; j += s.length()) {
            FloatVector.fromArray(s, acc, 0).max(FloatVector.fromArray(s, a, o + j)).intoArray(acc, 0);
        }
        if (j < n) {
            VectorMask<Float> m = s.indexInRange(j, n);
            FloatVector.fromArray(s, acc, 0).lanewise(VectorOperators.MAX, FloatVector.fromArray(s, a, o + j, m), m).intoArray(acc, 0);
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float v : acc) max = Math.max(max, v);
        return max;
    }

    /** {@code Σ_j a[o+j]}. */
    public static float sum(VectorSpecies<Float> s, float[] a, int o, int n) {
        float[] acc = new float[s.length()];
        int j = 0;
        for (int bound = s.loopBound(n); j < bound; j += s.length()) {
            FloatVector.fromArray(s, acc, 0).add(FloatVector.fromArray(s, a, o + j)).intoArray(acc, 0);
        }
        if (j < n) {
            VectorMask<Float> m = s.indexInRange(j, n);
            FloatVector.fromArray(s, acc, 0).add(FloatVector.fromArray(s, a, o + j, m)).intoArray(acc, 0);
        }
        return sumInOrder(acc);
    }

    /** {@code Σ_j a[oa+j] · b[ob+j]} (fused multiply-adds). */
    public static float dot(VectorSpecies<Float> s, float[] a, int oa, float[] b, int ob, int n) {
        float[] acc = new float[s.length()];
        int j = 0;
        for (int bound = s.loopBound(n); j < bound; j += s.length()) {
            FloatVector.fromArray(s, a, oa + j).fma(FloatVector.fromArray(s, b, ob + j), FloatVector.fromArray(s, acc, 0)).intoArray(acc, 0);
        }
        if (j < n) {
            VectorMask<Float> m = s.indexInRange(j, n);
            FloatVector.fromArray(s, a, oa + j, m).fma(FloatVector.fromArray(s, b, ob + j, m), FloatVector.fromArray(s, acc, 0)).intoArray(acc, 0);
        }
        return sumInOrder(acc);
    }

    /** {@code Σ_j (a[o+j] − mean)²}: the second pass of a two-pass variance. */
    public static float sumSquaredDeviations(VectorSpecies<Float> s, float[] a, int o, int n, float mean) {
        float[] acc = new float[s.length()];
        int j = 0;
        for (int bound = s.loopBound(n); j < bound; j += s.length()) {
            FloatVector d = FloatVector.fromArray(s, a, o + j).sub(mean);
            d.fma(d, FloatVector.fromArray(s, acc, 0)).intoArray(acc, 0);
        }
        if (j < n) {
            VectorMask<Float> m = s.indexInRange(j, n);
            FloatVector d = FloatVector.fromArray(s, a, o + j, m).sub(mean);
            FloatVector.fromArray(s, acc, 0).add(d.mul(d), m).intoArray(acc, 0);
        }
        return sumInOrder(acc);
    }

    /**
     * Writes {@code dst[od+j] = exp(a[o+j] − shift)} ({@code dst} may be {@code a} at the same offset) and returns their
     * sum (the softmax denominator).
     */
    public static float expShift(VectorSpecies<Float> s, float[] a, int o, int n, float shift, float[] dst, int od) {
        if (dst != a || od != o) System.arraycopy(a, o, dst, od, n);
        VectorMath.exp(s, dst, od, n, shift);
        return sum(s, dst, od, n);
    }

    /** {@code a[o+j] *= factor}. */
    public static void scale(VectorSpecies<Float> s, float[] a, int o, int n, float factor) {
        int j = 0;
        for (int bound = s.loopBound(n); j < bound; j += s.length()) {
            FloatVector.fromArray(s, a, o + j).mul(factor).intoArray(a, o + j);
        }
        if (j < n) {
            VectorMask<Float> m = s.indexInRange(j, n);
            FloatVector.fromArray(s, a, o + j, m).mul(factor).intoArray(a, o + j, m);
        }
    }

    /** {@code out[oo+j] = a[oa+j] + b[ob+j]}; {@code out} may be {@code a} or {@code b} at the same offset. */
    public static void add(VectorSpecies<Float> s, float[] a, int oa, float[] b, int ob, float[] out, int oo, int n) {
        int j = 0;
        for (int bound = s.loopBound(n); j < bound; j += s.length()) {
            FloatVector.fromArray(s, a, oa + j).add(FloatVector.fromArray(s, b, ob + j)).intoArray(out, oo + j);
        }
        if (j < n) {
            VectorMask<Float> m = s.indexInRange(j, n);
            FloatVector.fromArray(s, a, oa + j, m).add(FloatVector.fromArray(s, b, ob + j, m)).intoArray(out, oo + j, m);
        }
    }

    /** {@code y[oy+j] += alpha · x[ox+j]} (multiply then add, rounded like the scalar reference). */
    public static void axpy(VectorSpecies<Float> s, float alpha, float[] x, int ox, float[] y, int oy, int n) {
        int j = 0;
        for (int bound = s.loopBound(n); j < bound; j += s.length()) {
            FloatVector.fromArray(s, x, ox + j).mul(alpha).add(FloatVector.fromArray(s, y, oy + j)).intoArray(y, oy + j);
        }
        if (j < n) {
            VectorMask<Float> m = s.indexInRange(j, n);
            FloatVector.fromArray(s, x, ox + j, m).mul(alpha).add(FloatVector.fromArray(s, y, oy + j, m)).intoArray(y, oy + j, m);
        }
    }

    /** {@code Σ lanes[i]} for {@code i = 0, 1, ...} in that order. */
    public static float sumInOrder(float[] lanes) {
        return sumInOrder(lanes, 0, lanes.length);
    }

    /** {@code Σ lanes[i]} for {@code i = from, from + 1, ... to − 1} in that order. */
    public static float sumInOrder(float[] lanes, int from, int to) {
        float s = 0f;
        for (int i = from; i < to; i++) s += lanes[i];
        return s;
    }
}
