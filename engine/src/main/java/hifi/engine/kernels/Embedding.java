package hifi.engine.kernels;

import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Embedding lookup (row gather) and its scatter-add backward. The gather splits the output rows among threads. The
 * backward splits the columns: each task adds every {@code dOut} row into its column block of {@code dTable} in index
 * order, so repeated ids accumulate in the same order for any thread count. Ids are checked by the caller.
 */
public final class Embedding {
    private Embedding() {
    }

    /** {@code out[i, :] = table[ids[i], :]}. */
    public static void gather(WorkerPool pool, Tensor table, int[] ids, Tensor out) {
        float[] t = table.data(), o = out.data();
        int c = table.dim(1);
        Segments.forRows(pool, ids.length, c, (from, to) -> {
            for (int i = from; i < to; i++) {
                System.arraycopy(t, table.offset() + ids[i] * table.stride(0), o, out.offset() + i * out.stride(0), c);
            }
        });
    }

    /** {@code dTable[ids[i], :] += dOut[i, :]} for {@code i = 0, 1, ...} in order. */
    public static void scatterAdd(VectorSpecies<Float> s, WorkerPool pool, Tensor dOut, int[] ids, Tensor dTable) {
        float[] g = dOut.data(), t = dTable.data();
        int c = dTable.dim(1);
        Segments.forColumns(pool, c, ids.length, s.length(), (from, to) -> {
            for (int i = 0; i < ids.length; i++) {
                int og = dOut.offset() + i * dOut.stride(0), ot = dTable.offset() + ids[i] * dTable.stride(0);
                for (int j = from; j < to; j += s.length()) {
                    VectorMask<Float> m = s.indexInRange(j, to);
                    FloatVector.fromArray(s, g, og + j, m).add(FloatVector.fromArray(s, t, ot + j, m)).intoArray(t, ot + j, m);
                }
            }
        });
    }
}
