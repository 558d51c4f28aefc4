package hifi.engine.kernels;

import hifi.engine.runtime.RowLayout;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code out[c] += Σ_r x[r, c]} over every row of a tensor of any rank (bias gradients). The columns are split among
 * the threads in blocks of whole vectors; each task adds the rows of its block, in row order, into a float partial-sum
 * array and then adds that to {@code out}, so the result does not depend on the thread count.
 */
public final class ColumnSums {
    private ColumnSums() {
    }

    public static void accumulate(VectorSpecies<Float> s, WorkerPool pool, Tensor x, Tensor out) {
        RowLayout rows = new RowLayout("columnSums", x);
        int[] offsets = Segments.rowOffsets(rows);
        float[] xd = x.data(), od = out.data();
        int oo = out.offset();
        Segments.forColumns(pool, rows.length(), rows.count(), s.length(), (from, to) -> {
            int width = to - from;
            float[] acc = new float[width];
            for (int offset : offsets) VectorRows.add(s, acc, 0, xd, offset + from, acc, 0, width);
            VectorRows.add(s, acc, 0, od, oo + from, od, oo + from, width);
        });
    }
}
