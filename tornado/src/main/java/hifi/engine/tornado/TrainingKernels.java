package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import static hifi.engine.tornado.ArenaAddress.VIEW;
import static hifi.engine.tornado.ArenaAddress.element;
import static hifi.engine.tornado.ArenaAddress.flatElement;
import static hifi.engine.tornado.ArenaAddress.row;

/**
 * What a training step needs besides the layers, on the device so that weights, gradients and moments never leave it:
 * the AdamW update, the partial sums of the gradient norm, and the embedding lookup and its scatter-add. Token ids
 * arrive as floats (exact below 2²⁴).
 */
public final class TrainingKernels {
    /**
     * AdamW descriptor: work, the first elements of grad, m and v (contiguous), then the view of param;
     * {@code f = {β₁, β₂, ε, decay factor, step size, √(1−β₂ᵗ), grad scale}}.
     */
    static final int G = 1, M = 2, V = 3, P = 4;
    /** Squared-norm descriptor: blocks, elements, block size, first element of x, first partial. */
    static final int NORM_INTS = 5;
    /** Embedding descriptors: work, tokens, first id, then the views table and rows (gather) or rows and table (scatter). */
    static final int E0 = 3, E1 = E0 + VIEW;
    /** Scalars of the AdamW kernel. */
    static final int ADAMW_SCALARS = 7;

    private TrainingKernels() {
    }

    /** One AdamW update per element, in the order of the engine's {@code AdamWKernel}. */
    public static void adamW(KernelContext ctx, FloatArray a, IntArray d, FloatArray f) {
        int e = ctx.globalIdx;
        if (e < d.get(0)) {
            float b1 = f.get(0), b2 = f.get(1);
            int pi = flatElement(d, P, e), mi = d.get(M) + e, vi = d.get(V) + e;
            float g = a.get(d.get(G) + e) * f.get(6);
            float m = b1 * a.get(mi) + (1f - b1) * g;
            float v = b2 * a.get(vi) + (1f - b2) * g * g;
            a.set(mi, m);
            a.set(vi, v);
            float denom = TornadoMath.sqrt(v) / f.get(5) + f.get(2);
            a.set(pi, a.get(pi) * f.get(3) - f.get(4) * (m / denom));
        }
    }

    /**
     * Block {@code b}'s sum of squares of a contiguous run of elements, as a float pair {@code (hi, lo)} of a double
     * sum at partials {@code 2b, 2b+1}: the host adds the pairs in double, in block order.
     */
    public static void sumOfSquares(KernelContext ctx, FloatArray a, IntArray d, FloatArray f) {
        int b = ctx.globalIdx;
        if (b < d.get(0)) {
            int n = d.get(1), block = d.get(2), x = d.get(3);
            int end = Math.min(n, (b + 1) * block);
            double s = 0;
            for (int i = b * block; i < end; i++) {
                double v = a.get(x + i);
                s += v * v;
            }
            float hi = (float) s;
            a.set(d.get(4) + 2 * b, hi);
            a.set(d.get(4) + 2 * b + 1, (float) (s - hi));
        }
    }

    /** {@code rows[i, c] = table[ids[i], c]}, one element per work-item. */
    public static void gather(KernelContext ctx, FloatArray a, IntArray d, FloatArray f) {
        int e = ctx.globalIdx;
        if (e < d.get(0)) {
            int cols = d.get(E0 + 7);
            int i = e / cols, c = e % cols;
            int id = (int) a.get(d.get(2) + i);
            a.set(element(d, E1, e), a.get(row(d, E0, id) + c));
        }
    }

    /**
     * {@code table[ids[i], c] += rows[i, c]} for every token {@code i}, one (distinct id, column) pair per work-item,
     * adding that id's tokens in token order: repeated ids add up as in the engine's reference, bit for bit, and no
     * two work-items touch the same element. The tokens come grouped by id (built on the host, as floats from
     * {@code d[2]}): the {@code d[1]} distinct ids, then {@code d[1] + 1} offsets into the token list, then the token
     * indices of each id in order.
     */
    public static void scatterAdd(KernelContext ctx, FloatArray a, IntArray d, FloatArray f) {
        int e = ctx.globalIdx;
        if (e < d.get(0)) {
            int groups = d.get(1);
            int at = d.get(2);
            int cols = d.get(E1 + 7);
            int g = e / cols;
            int c = e % cols;
            int from = (int) a.get(at + groups + g);
            int to = (int) a.get(at + groups + g + 1);
            int t = row(d, E1, (int) a.get(at + g)) + c;
            float v = a.get(t);
            for (int k = from; k < to; k++) {
                v += a.get(row(d, E0, (int) a.get(at + 2 * groups + 1 + k)) + c);
            }
            a.set(t, v);
        }
    }
}
