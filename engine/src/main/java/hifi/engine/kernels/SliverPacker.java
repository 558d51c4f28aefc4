package hifi.engine.kernels;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies a block of a GEMM operand into the contiguous "sliver" layout the micro-kernel streams through, in slivers
 * of a fixed width {@code w}.
 *
 * <p>Both operands are seen the same way: a block of {@code width} lines (rows of A, or columns of B) by {@code depth}
 * steps along K, where element {@code (x, k)} lives at {@code src[base + x·strideX + k·strideK]}. Whether the operand
 * is transposed only swaps the two strides, so this one routine absorbs all four transpose combinations. The block is
 * cut into slivers of {@code w} lines; sliver {@code s} is stored K-major, {@code dst[(s·depth + k)·w + x]}, and
 * lines past {@code width} in the last sliver are zero-filled so that the micro-kernel never needs a tail case.
 */
interface SliverPacker {

    /** The packer for slivers of {@code w} lines (one specialised copy per width, cached). */
    static SliverPacker forWidth(int w) {
        return Copies.BY_WIDTH.computeIfAbsent(w,
                x -> ClassSpecializer.instantiate(FixedWidthSliverPacker.class, SliverPacker.class, x));
    }

    /** Floats {@link #pack} writes for a block of {@code width × depth} in slivers of {@code w}. */
    static int packedSize(int width, int depth, int w) {
        return ceilDiv(width, w) * w * depth;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** The sliver width {@code w}. */
    int width();

    /** Packs lines {@code [0, width)} × steps {@code [0, depth)} of the operand at {@code src[base]} into {@code dst}. */
    void pack(float[] src, int base, int strideX, int strideK, int width, int depth, float[] dst);

    /** The cache behind {@link #forWidth}. */
    final class Copies {
        private static final Map<Integer, SliverPacker> BY_WIDTH = new ConcurrentHashMap<>();

        private Copies() {
        }
    }
}
