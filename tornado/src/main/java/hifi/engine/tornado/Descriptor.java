package hifi.engine.tornado;

import hifi.engine.tensor.ShapeException;
import hifi.engine.tensor.Tensor;

import java.util.Arrays;

/**
 * The integer arguments of one kernel launch (sizes, flags, arena addresses of its operands), laid out as the kernel
 * reads them through {@link ArenaAddress}. Built on the host, uploaded with the launch.
 */
final class Descriptor {
    private final int[] ints = new int[DeviceArena.DESCRIPTOR_INTS];
    private int size;

    /** Appends plain integers. */
    Descriptor add(int... values) {
        for (int v : values) {
            if (size == ints.length) throw new IllegalStateException("launch descriptor longer than " + ints.length + " ints");
            ints[size++] = v;
        }
        return this;
    }

    /** Leaves {@code count} ints unused (an absent optional operand keeps the layout). */
    Descriptor skip(int count) {
        return add(new int[count]);
    }

    /**
     * Appends {@code t} as a view ({@link ArenaAddress#VIEW} ints) whose storage starts at arena index
     * {@code storageBase}: the leading dimensions (at most three) become {@code n0..n2}, the last one {@code cols}.
     */
    Descriptor view(Tensor t, int storageBase) {
        int rank = t.rank();
        if (rank > 4) throw new ShapeException("device op: tensor " + Arrays.toString(t.shape()) + " has more than 4 dimensions");
        int[] n = {1, 1, 1};
        int[] s = {0, 0, 0};
        for (int i = 0; i < rank - 1; i++) {
            n[4 - rank + i] = t.dim(i);
            s[4 - rank + i] = t.stride(i);
        }
        return add(storageBase + t.offset(), n[0], n[1], n[2], s[0], s[1], s[2], rank == 0 ? 1 : t.dim(rank - 1));
    }

    /**
     * Appends {@code t} as a view for kernels that address it only element by element: a contiguous tensor as a flat
     * view ({@code n0 = 0}: its elements in a row), which {@link ArenaAddress#flatElement} reads without index
     * arithmetic (and {@link ArenaAddress#element} as any view); any other as {@link #view}.
     */
    Descriptor flat(Tensor t, int storageBase) {
        if (!t.isContiguous()) return view(t, storageBase);
        return add(storageBase + t.offset(), 0, 1, 1, 0, 0, 0, t.numel());
    }

    /**
     * Appends the matrices of {@code t} ({@code [..., rows, cols]}, at most two batch dimensions) as a matrix batch
     * ({@link ArenaAddress#MATRICES} ints).
     */
    Descriptor matrices(Tensor t, int storageBase) {
        int rank = t.rank();
        if (rank < 2 || rank > 4) throw new ShapeException("device GEMM: operand " + Arrays.toString(t.shape()) + " must have 2 to 4 dimensions");
        int n1 = rank >= 3 ? t.dim(rank - 3) : 1;
        int s1 = rank >= 3 ? t.stride(rank - 3) : 0;
        int s0 = rank == 4 ? t.stride(0) : 0;
        return add(storageBase + t.offset(), n1, s0, s1, t.stride(rank - 2));
    }

    int[] ints() {
        return ints;
    }

    int size() {
        return size;
    }
}
