package hifi.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector reductions and updates over one row {@code a[o .. o+n)}: the building blocks of the row-wise kernels
 * (softmax, LayerNorm, cross-entropy). Every loop runs whole vectors up to {@code species.loopBound(n)} and finishes
 * with one masked vector, so tails take the same arithmetic as the body. Partial sums are kept per lane and reduced
 * at the end in lane order ({@link VectorMath#sumLanes}): the result depends only on the data and the species.
 */
public final class VectorRows {
    private VectorRows() {
    }

    /** {@code max_j a[o+j]} ({@code -∞} for an empty row). */
    public static float max(VectorSpecies<Float> s, float[] a, int o, int n) {
        FloatVector acc = FloatVector.broadcast(s, Float.NEGATIVE_INFINITY);
        int j = 0;
        for (int bound = s.loopBound(n); j < bound; j += s.length()) {
            acc = acc.max(FloatVector.fromArray(s, a, o + j));
        }
        if (j < n) {
            VectorMask<Float> m = s.indexInRange(j, n);
            acc = acc.lanewise(VectorOperators.MAX, FloatVector.fromArray(s, a, o + j, m), m);
        }
        return acc.reduceLanes(VectorOperators.MAX);
    }

    /** {@code Σ_j a[o+j]}. */
    public static float sum(VectorSpecies<Float> s, float[] a, int o, int n) {
        FloatVector acc = FloatVector.zero(s);
        int j = 0;
        for (int bound = s.loopBound(n); j < bound; j += s.length()) {
            acc = acc.add(FloatVector.fromArray(s, a, o + j));
        }
        if (j < n) acc = acc.add(FloatVector.fromArray(s, a, o + j, s.indexInRange(j, n)));
        return VectorMath.sumLanes(acc);
    }

    /** {@code Σ_j a[oa+j] · b[ob+j]}. */
    public static float dot(VectorSpecies<Float> s, float[] a, int oa, float[] b, int ob, int n) {
        FloatVector acc = FloatVector.zero(s);
        int j = 0;
        for (int bound = s.loopBound(n); j < bound; j += s.length()) {
            acc = FloatVector.fromArray(s, a, oa + j).fma(FloatVector.fromArray(s, b, ob + j), acc);
        }
        if (j < n) {
            VectorMask<Float> m = s.indexInRange(j, n);
            acc = FloatVector.fromArray(s, a, oa + j, m).fma(FloatVector.fromArray(s, b, ob + j, m), acc);
        }
        return VectorMath.sumLanes(acc);
    }

    /** {@code Σ_j (a[o+j] − mean)²}: the second pass of a two-pass variance. */
    public static float sumSquaredDeviations(VectorSpecies<Float> s, float[] a, int o, int n, float mean) {
        FloatVector acc = FloatVector.zero(s);
        int j = 0;
        for (int bound = s.loopBound(n); j < bound; j += s.length()) {
            FloatVector d = FloatVector.fromArray(s, a, o + j).sub(mean);
            acc = d.fma(d, acc);
        }
        if (j < n) {
            VectorMask<Float> m = s.indexInRange(j, n);
            FloatVector d = FloatVector.fromArray(s, a, o + j, m).sub(mean);
            acc = acc.add(d.mul(d), m);
        }
        return VectorMath.sumLanes(acc);
    }

    /**
     * Returns {@code Σ_j exp(a[o+j] − shift)} (the softmax denominator) and, unless {@code dst} is {@code null}, writes
     * each term to {@code dst[od+j]} ({@code dst} may be {@code a} at the same offset).
     */
    public static float expShift(VectorSpecies<Float> s, float[] a, int o, int n, float shift, float[] dst, int od) {
        FloatVector acc = FloatVector.zero(s);
        int j = 0;
        for (int bound = s.loopBound(n); j < bound; j += s.length()) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(s, a, o + j).sub(shift));
            if (dst != null) e.intoArray(dst, od + j);
            acc = acc.add(e);
        }
        if (j < n) {
            VectorMask<Float> m = s.indexInRange(j, n);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(s, a, o + j, m).sub(shift));
            if (dst != null) e.intoArray(dst, od + j, m);
            acc = acc.add(e, m);
        }
        return VectorMath.sumLanes(acc);
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
}
