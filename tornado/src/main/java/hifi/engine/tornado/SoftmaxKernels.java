package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import static hifi.engine.tornado.ArenaAddress.VIEW;
import static hifi.engine.tornado.ArenaAddress.row;

/** Masked softmax over the last dimension and its backward, one row per work-item, in float. */
public final class SoftmaxKernels {
    /** Forward descriptor: work (rows), n, perBatch, hasMask, then the x view and the mask view. */
    static final int X = 4, MASK = X + VIEW;
    /** Backward descriptor: work (rows), n, then the y, dy and dx views. */
    static final int Y = 2, DY = Y + VIEW, DX = DY + VIEW;

    private SoftmaxKernels() {
    }

    /**
     * In place: {@code x[r] = softmax(x[r] + mask[r / perBatch])}. A row whose entries are all masked by the same large
     * negative value comes out uniform, as in the reference.
     */
    public static void softmax(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int r = ctx.globalIdx;
        if (r < d.get(0)) {
            int n = d.get(1);
            int o = row(d, X, r);
            int mo = d.get(3) == 1 ? row(d, MASK, r / d.get(2)) : 0;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                float v = m.get(o + j);
                if (d.get(3) == 1) {
                    v += m.get(mo + j);
                }
                m.set(o + j, v);
                max = TornadoMath.max(max, v);
            }
            float sum = 0f;
            for (int j = 0; j < n; j++) {
                float e = TornadoMath.exp(m.get(o + j) - max);
                m.set(o + j, e);
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < n; j++) {
                m.set(o + j, m.get(o + j) * inv);
            }
        }
    }

    /** {@code dx[r] = y[r] ⊙ (dy[r] − y[r]·dy[r])}; {@code dx} may be {@code dy}. */
    public static void backward(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int r = ctx.globalIdx;
        if (r < d.get(0)) {
            int n = d.get(1);
            int y = row(d, Y, r);
            int dy = row(d, DY, r);
            int dx = row(d, DX, r);
            float dot = 0f;
            for (int j = 0; j < n; j++) {
                dot += m.get(y + j) * m.get(dy + j);
            }
            for (int j = 0; j < n; j++) {
                m.set(dx + j, m.get(y + j) * (m.get(dy + j) - dot));
            }
        }
    }
}
