package hifi.engine.kernels;

import hifi.engine.backend.RowLayout;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code out[c] += Σ_r x[r, c]} over every row of a tensor of any rank (bias gradients). The columns are split among
 * the threads in blocks of whole vectors; each column is summed in row order in float by one task, so the result does
 * not depend on the thread count.
 */
public final class ColumnSums {
    private ColumnSums() {
    }

    public static void accumulate(VectorSpecies<Float> s, Tensor x, Tensor out) {
        RowLayout rows = new RowLayout("columnSums", x);
        int[] offsets = Segments.rowOffsets(rows);
        float[] xd = x.data(), od = out.data();
        int oo = out.offset();
        Segments.forColumns(rows.length(), rows.count(), s.length(), (from, to) -> {
            for (int j = from; j < to; j += s.length()) {
                VectorMask<Float> m = s.indexInRange(j, to);
                FloatVector acc = FloatVector.zero(s);
                for (int offset : offsets) acc = acc.add(FloatVector.fromArray(s, xd, offset + j, m));
                FloatVector.fromArray(s, od, oo + j, m).add(acc).intoArray(od, oo + j, m);
            }
        });
    }
}
