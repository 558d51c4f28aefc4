package hifi.engine.kernels;

import hifi.engine.runtime.RowLayout;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row softmax over the last dimension with an optional additive {@code [B, Tk]} mask, and its backward. Rows are
 * independent and split among the worker threads; each row is computed by one thread in a fixed order, so results do
 * not depend on the thread count. Shapes are checked by the caller (the backend).
 */
public final class Softmax {
    private Softmax() {
    }

    /**
     * In place: {@code x = softmax(x + mask)}, the mask row {@code r / rowsPerMaskRow} broadcast over the rows of x.
     * Max-subtracted, so finite inputs never overflow; a row whose entries are all masked by a large negative value
     * still sums to 1.
     */
    public static void forward(VectorSpecies<Float> s, WorkerPool pool, Tensor x, Tensor mask, int rowsPerMaskRow) {
        RowLayout rows = new RowLayout("softmax", x);
        float[] d = x.data();
        float[] md = mask == null ? null : mask.data();
        int n = rows.length();
        Segments.forRows(pool, rows.count(), n, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = rows.offset(r);
                if (md != null) {
                    int mo = mask.offset() + (r / rowsPerMaskRow) * mask.stride(0);
                    VectorRows.add(s, d, o, md, mo, d, o, n);
                }
                float max = VectorRows.max(s, d, o, n);
                float sum = VectorRows.expShift(s, d, o, n, max, d, o);
                VectorRows.scale(s, d, o, n, 1f / sum);
            }
        });
    }

    /** {@code dx = y ⊙ (dy − Σ_last(dy ⊙ y))}; {@code dx} may be {@code dy}. */
    public static void backward(VectorSpecies<Float> s, WorkerPool pool, Tensor y, Tensor dy, Tensor dx) {
        RowLayout ry = new RowLayout("softmaxBackward", y), rdy = new RowLayout("softmaxBackward", dy);
        RowLayout rdx = new RowLayout("softmaxBackward", dx);
        float[] yd = y.data(), dyd = dy.data(), dxd = dx.data();
        int n = ry.length();
        Segments.forRows(pool, ry.count(), n, (from, to) -> {
            for (int r = from; r < to; r++) {
                int oy = ry.offset(r), ody = rdy.offset(r), odx = rdx.offset(r);
                float dot = VectorRows.dot(s, yd, oy, dyd, ody, n);
                int j = 0;
                for (int bound = s.loopBound(n); j < bound; j += s.length()) {
                    FloatVector g = FloatVector.fromArray(s, dyd, ody + j).sub(dot);
                    g.mul(FloatVector.fromArray(s, yd, oy + j)).intoArray(dxd, odx + j);
                }
                if (j < n) {
                    VectorMask<Float> m = s.indexInRange(j, n);
                    FloatVector g = FloatVector.fromArray(s, dyd, ody + j, m).sub(dot);
                    g.mul(FloatVector.fromArray(s, yd, oy + j, m)).intoArray(dxd, odx + j, m);
                }
            }
        });
    }
}
