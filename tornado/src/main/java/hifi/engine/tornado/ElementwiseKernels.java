package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import static hifi.engine.tornado.ArenaAddress.VIEW;
import static hifi.engine.tornado.ArenaAddress.element;
import static hifi.engine.tornado.ArenaAddress.flatElement;
import static hifi.engine.tornado.ArenaAddress.row;

/**
 * Elementwise ops, column sums (of a chunk of rows) and the staging copy, one element (or column) per work-item. Descriptor: work, then up
 * to three views; scalars in {@code f}.
 */
public final class ElementwiseKernels {
    static final int V0 = 1, V1 = V0 + VIEW, V2 = V1 + VIEW;
    /** Staging copy descriptor: work (elements), first element of the destination view, then the view. */
    static final int UNSTAGE_VIEW = 2;

    private ElementwiseKernels() {
    }

    /** {@code v2 = v0 + v1}. */
    public static void add(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int e = ctx.globalIdx;
        if (e < d.get(0)) {
            m.set(flatElement(d, V2, e), m.get(flatElement(d, V0, e)) + m.get(flatElement(d, V1, e)));
        }
    }

    /** {@code v1 += f[0] · v0}. */
    public static void axpy(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int e = ctx.globalIdx;
        if (e < d.get(0)) {
            int y = flatElement(d, V1, e);
            m.set(y, m.get(y) + f.get(0) * m.get(flatElement(d, V0, e)));
        }
    }

    /** {@code v0 *= f[0]}. */
    public static void scale(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int e = ctx.globalIdx;
        if (e < d.get(0)) {
            int x = element(d, V0, e);
            m.set(x, m.get(x) * f.get(0));
        }
    }

    /** {@code v1 = v0}. */
    public static void copy(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int e = ctx.globalIdx;
        if (e < d.get(0)) {
            m.set(element(d, V1, e), m.get(element(d, V0, e)));
        }
    }

    /** {@code v0 = f[0]}. */
    public static void fill(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int e = ctx.globalIdx;
        if (e < d.get(0)) {
            m.set(flatElement(d, V0, e), f.get(0));
        }
    }

    /**
     * Column sums over a chunk of rows: work-item {@code e} sums column {@code j = e % c} of {@code v0} over the rows
     * of chunk {@code e / c} ({@code d[V2 + 1]} rows each, in order; {@code d[V2]} rows in all) and writes the sum to
     * element {@code e} of {@code v1}, added to what is there when {@code d[V2 + 2]} is 1. With one chunk of all rows
     * that is {@code v1[j] += Σ_r v0[r, j]}; a tall matrix goes in two launches, the chunks' partial sums into a
     * {@code [chunks, c]} matrix and then that matrix's column sums, so that {@code chunks · c} work-items share the
     * work. Descriptor: work, the views, then rows, chunk, accumulate.
     */
    public static void columnSums(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int e = ctx.globalIdx;
        if (e < d.get(0)) {
            int c = d.get(V0 + 7);
            int chunk = d.get(V2 + 1);
            int j = e % c;
            int first = e / c * chunk;
            int end = Math.min(d.get(V2), first + chunk);
            float s = 0f;
            for (int r = first; r < end; r++) {
                s += m.get(row(d, V0, r) + j);
            }
            int out = element(d, V1, e);
            if (d.get(V2 + 2) == 1) {
                s = m.get(out) + s;
            }
            m.set(out, s);
        }
    }

    /** Elements {@code d[1] … d[1] + work − 1} of the destination view = {@code f[0 … work − 1]} (the staging array). */
    public static void unstage(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int e = ctx.globalIdx;
        if (e < d.get(0)) {
            m.set(element(d, UNSTAGE_VIEW, d.get(1) + e), f.get(e));
        }
    }
}
