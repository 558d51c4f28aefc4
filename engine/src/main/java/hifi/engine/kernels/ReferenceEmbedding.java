package hifi.engine.kernels;

import hifi.engine.tensor.Tensor;

/**
 * The scalar reference of {@link Embedding}: row copies, and a scatter-add in index order. Arguments (shapes, ids) are
 * checked by the caller (the backend front).
 */
public final class ReferenceEmbedding {
    private ReferenceEmbedding() {
    }

    /** {@code out[i, :] = table[ids[i], :]}. */
    public static void gather(Tensor table, int[] ids, Tensor out) {
        for (int i = 0; i < ids.length; i++) {
            out.select(0, i).copyFrom(table.select(0, ids[i]));
        }
    }

    /** {@code dTable[ids[i], :] += dOut[i, :]} in index order. */
    public static void scatterAdd(Tensor dOut, int[] ids, Tensor dTable) {
        int c = dTable.dim(1);
        float[] g = dOut.data(), t = dTable.data();
        for (int i = 0; i < ids.length; i++) {
            int og = dOut.offset() + i * dOut.stride(0), ot = dTable.offset() + ids[i] * dTable.stride(0);
            for (int j = 0; j < c; j++) t[ot + j] += g[og + j];
        }
    }
}
