package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Where a tensor's elements lie in the device arena, read from a launch descriptor (see {@link Descriptor}). Used
 * inside kernels (static, no objects), so every operand may be a strided view: a head slice, a permuted batch, the
 * first-token rows.
 *
 * <p>A <b>view</b> takes {@link #VIEW} ints at position {@code v}: {@code base, n0, n1, n2, s0, s1, s2, cols}, the
 * tensor seen as {@code [n0, n1, n2, cols]} with strides {@code (s0, s1, s2, 1)}; {@code n0 = 0} marks a <b>flat</b>
 * view, {@code cols} contiguous elements from {@code base}. A <b>matrix batch</b> takes
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

    /** Arena index of element {@code e} (row-major) of the view at {@code v} (a flat view too). */
    public static int element(IntArray d, int v, int e) {
        int cols = d.get(v + 7);
        return row(d, v, e / cols) + e % cols;
    }

    /**
     * {@link #element}, reading a flat view ({@code n0 = 0}, what {@code Descriptor.flat} makes of a contiguous
     * tensor) without the five divisions a strided view costs per element, which a GPU does in software. Only the
     * small elementwise kernels use it: in the chain's dispatcher every kernel is inlined, and TornadoVM refuses a
     * callee over 600 nodes and a dispatcher that has grown too large.
     */
    public static int flatElement(IntArray d, int v, int e) {
        int index;
        if (d.get(v + 1) == 0) {
            index = d.get(v) + e;
        } else {
            index = element(d, v, e);
        }
        return index;
    }

    /** Arena index of the first element of matrix {@code p} of the matrix batch at {@code v}. */
    public static int matrix(IntArray d, int v, int p) {
        int n1 = d.get(v + 1);
        return d.get(v) + (p / n1) * d.get(v + 2) + (p % n1) * d.get(v + 3);
    }
}
