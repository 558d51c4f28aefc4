package hifi.engine.kernels;

import hifi.engine.runtime.RowLayout;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Elementwise updates over same-shaped tensors of any strides: add, axpy, scale, copy, fill. Contiguous tensors are
 * processed as one flat run split among the threads; strided views row by row (see {@link Segments}).
 */
public final class Elementwise {
    private Elementwise() {
    }

    /** {@code out = a + b}; {@code out} may alias {@code a} or {@code b}. */
    public static void add(VectorSpecies<Float> s, WorkerPool pool, Tensor a, Tensor b, Tensor out) {
        float[] ad = a.data(), bd = b.data(), od = out.data();
        Segments.forEach(pool, "add", (index, oa, ob, oo, n) -> VectorRows.add(s, ad, oa, bd, ob, od, oo, n), a, b, out);
    }

    /** {@code y += alpha · x}. */
    public static void axpy(VectorSpecies<Float> s, WorkerPool pool, float alpha, Tensor x, Tensor y) {
        float[] xd = x.data(), yd = y.data();
        Segments.forEach(pool, "axpy", (index, ox, oy, unused, n) -> VectorRows.axpy(s, alpha, xd, ox, yd, oy, n), x, y);
    }

    /** {@code x *= factor}. */
    public static void scale(VectorSpecies<Float> s, WorkerPool pool, Tensor x, float factor) {
        float[] xd = x.data();
        Segments.forEach(pool, "scale", (index, ox, u1, u2, n) -> VectorRows.scale(s, xd, ox, n, factor), x);
    }

    /** {@code dst = src} ({@link System#arraycopy} per run: the JVM's own vectorised copy). */
    public static void copy(WorkerPool pool, Tensor src, Tensor dst) {
        float[] sd = src.data(), dd = dst.data();
        Segments.forEach(pool, "copy", (index, os, od, unused, n) -> System.arraycopy(sd, os, dd, od, n), src, dst);
    }

    /** Every element of {@code x} becomes {@code v}. */
    public static void fill(WorkerPool pool, Tensor x, float v) {
        float[] xd = x.data();
        Segments.forEach(pool, "fill", (index, ox, u1, u2, n) -> Arrays.fill(xd, ox, ox + n, v), x);
    }

    /** Copies {@code src}'s elements in row-major order into {@code dst} from {@code offset} on (one thread: a host read). */
    public static void toHost(Tensor src, float[] dst, int offset) {
        RowLayout rs = new RowLayout("toHost", src);
        float[] sd = src.data();
        for (int r = 0, n = rs.length(); r < rs.count(); r++) System.arraycopy(sd, rs.offset(r), dst, offset + r * n, n);
    }
}
