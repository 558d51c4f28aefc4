package hifi.engine.kernels;

import hifi.engine.runtime.CounterRng;
import hifi.engine.runtime.RowLayout;
import hifi.engine.tensor.Tensor;

/**
 * The scalar references of {@link Elementwise}, {@link Dropout} and {@link ColumnSums}: straightforward loops over
 * row-major copies or rows, column sums in {@code double}. Arguments are checked by the caller (the backend front).
 */
public final class ReferenceElementwise {
    private ReferenceElementwise() {
    }

    /** {@code out = a + b}; {@code out} may alias {@code a} or {@code b}. */
    public static void add(Tensor a, Tensor b, Tensor out) {
        float[] av = a.toArray(), bv = b.toArray();
        for (int i = 0; i < av.length; i++) av[i] += bv[i];
        out.copyFrom(Tensor.of(av, out.shape()));
    }

    /** {@code y += alpha · x}. */
    public static void axpy(float alpha, Tensor x, Tensor y) {
        float[] xv = x.toArray(), yv = y.toArray();
        for (int i = 0; i < xv.length; i++) yv[i] += alpha * xv[i];
        y.copyFrom(Tensor.of(yv, y.shape()));
    }

    /** {@code x *= s}. */
    public static void scale(Tensor x, float s) {
        float[] v = x.toArray();
        for (int i = 0; i < v.length; i++) v[i] *= s;
        x.copyFrom(Tensor.of(v, x.shape()));
    }

    /** {@code dst = src}. */
    public static void copy(Tensor src, Tensor dst) {
        dst.copyFrom(src);
    }

    /** Sets every element of {@code x} to {@code v}. */
    public static void fill(Tensor x, float v) {
        x.fill(v);
    }

    /** {@code out[c] += Σ_r x[r, c]} over all leading dimensions, each column summed in {@code double}. */
    public static void columnSums(Tensor x, Tensor out) {
        RowLayout rx = new RowLayout("columnSums", x);
        float[] xd = x.data();
        for (int j = 0; j < rx.length(); j++) {
            double s = 0;
            for (int r = 0; r < rx.count(); r++) s += xd[rx.offset(r) + j];
            out.data()[out.offset() + j] += (float) s;
        }
    }

    /** {@code y = x ⊙ keep / (1 − p)} with {@code keep[i] = CounterRng.uniform(seed, i) ≥ p}; {@code p == 0} copies. */
    public static void dropout(Tensor x, Tensor y, float p, long seed) {
        float keepScale = 1f / (1f - p);
        int[] counter = {0};
        forEachPair("dropout", x, y, (in, out, oi, oo, n) -> {
            for (int j = 0; j < n; j++) {
                long i = counter[0]++;
                out[oo + j] = p == 0f ? in[oi + j] : (CounterRng.uniform(seed, i) >= p ? in[oi + j] * keepScale : 0f);
            }
        });
    }

    /** One row of an input and an output tensor of the same shape. */
    interface RowPair {
        void apply(float[] in, float[] out, int inOffset, int outOffset, int n);
    }

    static void forEachPair(String op, Tensor x, Tensor y, RowPair body) {
        RowLayout rx = new RowLayout(op, x), ry = new RowLayout(op, y);
        for (int r = 0; r < rx.count(); r++) body.apply(x.data(), y.data(), rx.offset(r), ry.offset(r), rx.length());
    }
}
