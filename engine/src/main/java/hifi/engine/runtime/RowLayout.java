package hifi.engine.runtime;

import hifi.engine.tensor.Tensor;

/**
 * The rows (last-dimension vectors) of a tensor of any rank: {@link #count()} rows of {@link #length()} floats, row
 * {@code r} starting at {@link #offset(int)} in the storage. Leading dimensions may have any strides; the last must
 * be 1.
 */
public final class RowLayout {
    private final int[] lead;
    private final int[] leadStrides;
    private final int base;
    private final int count;
    private final int length;

    public RowLayout(String op, Tensor t) {
        if (t.rank() == 0) throw new hifi.engine.tensor.ShapeException(op + ": rank-0 tensor has no rows");
        if (t.stride(-1) != 1 && t.dim(-1) > 1) {
            throw new hifi.engine.tensor.ShapeException(op + ": last dimension must be contiguous, got strides "
                    + java.util.Arrays.toString(t.strides()) + " for shape " + java.util.Arrays.toString(t.shape()));
        }
        int r = t.rank() - 1;
        lead = new int[r];
        leadStrides = new int[r];
        int c = 1;
        for (int i = 0; i < r; i++) {
            lead[i] = t.dim(i);
            leadStrides[i] = t.stride(i);
            c *= lead[i];
        }
        base = t.offset();
        count = c;
        length = t.dim(-1);
    }

    public int count() {
        return count;
    }

    public int length() {
        return length;
    }

    /** Storage offset of row {@code r} (row-major over the leading dimensions). */
    public int offset(int r) {
        int o = base;
        for (int i = lead.length - 1; i >= 0; i--) {
            int d = lead[i];
            o += (r % d) * leadStrides[i];
            r /= d;
        }
        return o;
    }
}
