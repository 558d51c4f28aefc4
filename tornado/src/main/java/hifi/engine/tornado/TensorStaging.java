package hifi.engine.tornado;

import hifi.engine.backend.RowLayout;
import hifi.engine.tensor.Tensor;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Copies between heap tensors, which may be strided views (head slices, permuted batch dimensions), and the packed,
 * contiguous off-heap arrays the kernels read. Packing is row by row (each row is contiguous in both), so a view
 * costs no more than a contiguous tensor of the same size, and a kernel never sees strides.
 */
final class TensorStaging {
    private TensorStaging() {
    }

    /** Packs the rows of {@code t} (row-major over its leading dimensions) into {@code dst}. */
    static void gather(String op, Tensor t, FloatArray dst) {
        RowLayout rows = new RowLayout(op, t);
        MemorySegment seg = dst.getSegment();
        float[] data = t.data();
        int n = rows.length();
        for (int r = 0; r < rows.count(); r++) {
            MemorySegment.copy(data, rows.offset(r), seg, ValueLayout.JAVA_FLOAT, (long) r * n * Float.BYTES, n);
        }
    }

    /** Unpacks {@code src} into the rows of {@code t}: the inverse of {@link #gather}. */
    static void scatter(String op, FloatArray src, Tensor t) {
        RowLayout rows = new RowLayout(op, t);
        MemorySegment seg = src.getSegment();
        float[] data = t.data();
        int n = rows.length();
        for (int r = 0; r < rows.count(); r++) {
            MemorySegment.copy(seg, ValueLayout.JAVA_FLOAT, (long) r * n * Float.BYTES, data, rows.offset(r), n);
        }
    }

    /** Packs one {@code rows × cols} matrix per batch, batch {@code p} starting at {@code bases[p]} with row stride {@code ld}. */
    static void gatherMatrices(float[] data, int[] bases, int rows, int cols, int ld, FloatArray dst) {
        MemorySegment seg = dst.getSegment();
        for (int p = 0; p < bases.length; p++) {
            for (int r = 0; r < rows; r++) {
                long to = ((long) p * rows + r) * cols * Float.BYTES;
                MemorySegment.copy(data, bases[p] + r * ld, seg, ValueLayout.JAVA_FLOAT, to, cols);
            }
        }
    }

    /** The inverse of {@link #gatherMatrices}. */
    static void scatterMatrices(FloatArray src, float[] data, int[] bases, int rows, int cols, int ld) {
        MemorySegment seg = src.getSegment();
        for (int p = 0; p < bases.length; p++) {
            for (int r = 0; r < rows; r++) {
                long from = ((long) p * rows + r) * cols * Float.BYTES;
                MemorySegment.copy(seg, ValueLayout.JAVA_FLOAT, from, data, bases[p] + r * ld, cols);
            }
        }
    }
}
