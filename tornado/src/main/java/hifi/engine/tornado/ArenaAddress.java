package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Where a tensor's elements lie in the device arena, read from a launch descriptor (see {@link Descriptor}). Used
 * inside kernels (static, no objects), so every operand may be a strided view: a head slice, a permuted batch, the
 * first-token rows.
 *
 * <p>A <b>view</b> takes {@link #VIEW} ints at position {@code v}: {@code base, n0, n1, n2, s0, s1, s2, cols}, the
 * tensor seen as {@code [n0, n1, n2, cols]} with strides {@code (s0, s1, s2, 1)}. A <b>matrix batch</b> takes
 * {@link #MATRICES} ints: {@code base, n1, s0, s1, ld}, matrix {@code p} starting at
 * {@code base + (p / n1)·s0 + (p % n1)·s1} with row stride {@code ld}.
 */
public final class ArenaAddress {
    /** Ints per view. */
    public static final int VIEW = 8;
    /** Ints per matrix batch. */
    public static final int MATRICES = 5;

    private ArenaAddress() {
    }

    /** Arena index of the first element of row {@code r} of the view at {@code v}. */
    public static int row(IntArray d, int v, int r) {
        int n1 = d.get(v + 2);
        int n2 = d.get(v + 3);
        return d.get(v) + (r / (n1 * n2)) * d.get(v + 4) + ((r / n2) % n1) * d.get(v + 5) + (r % n2) * d.get(v + 6);
    }

    /** Arena index of element {@code e} (row-major) of the view at {@code v}. */
    public static int element(IntArray d, int v, int e) {
        int cols = d.get(v + 7);
        return row(d, v, e / cols) + e % cols;
    }

    /** Arena index of the first element of matrix {@code p} of the matrix batch at {@code v}. */
    public static int matrix(IntArray d, int v, int p) {
        int n1 = d.get(v + 1);
        return d.get(v) + (p / n1) * d.get(v + 2) + (p % n1) * d.get(v + 3);
    }
}
