package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import static hifi.engine.tornado.ArenaAddress.VIEW;
import static hifi.engine.tornado.ArenaAddress.element;
import static hifi.engine.tornado.ArenaAddress.row;

/**
 * Elementwise ops, column sums and the staging copy, one element (or column) per work-item. Descriptor: work, then up
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
            m.set(element(d, V2, e), m.get(element(d, V0, e)) + m.get(element(d, V1, e)));
        }
    }

    /** {@code v1 += f[0] · v0}. */
    public static void axpy(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int e = ctx.globalIdx;
        if (e < d.get(0)) {
            int y = element(d, V1, e);
            m.set(y, m.get(y) + f.get(0) * m.get(element(d, V0, e)));
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
            m.set(element(d, V0, e), f.get(0));
        }
    }

    /** {@code v1[j] += Σ_r v0[r, j]}, one column per work-item; {@code d[V1 + VIEW]} holds the row count. */
    public static void columnSums(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int j = ctx.globalIdx;
        if (j < d.get(0)) {
            int rows = d.get(V2);
            float s = 0f;
            for (int r = 0; r < rows; r++) {
                s += m.get(row(d, V0, r) + j);
            }
            int out = element(d, V1, j);
            m.set(out, m.get(out) + s);
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
