package hifi.engine.kernels;

import java.util.Arrays;

/**
 * Copies a block of a GEMM operand into the contiguous "sliver" layout the micro-kernel streams through.
 *
 * <p>Both operands are seen the same way: a block of {@code width} lines (rows of A, or columns of B) by {@code depth}
 * steps along K, where element {@code (x, k)} lives at {@code src[base + x·strideX + k·strideK]}. Whether the operand
 * is transposed only swaps the two strides, so this one routine absorbs all four transpose combinations. The block is
 * cut into slivers of {@code w} lines; sliver {@code s} is stored K-major, {@code dst[(s·depth + k)·w + x]}, and
 * lines past {@code width} in the last sliver are zero-filled so that the micro-kernel never needs a tail case.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /** Floats {@link #pack} writes for a block of {@code width × depth} in slivers of {@code w}. */
    static int packedSize(int width, int depth, int w) {
        return ceilDiv(width, w) * w * depth;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    static void pack(float[] src, int base, int strideX, int strideK, int width, int depth, int w, float[] dst) {
        for (int x0 = 0, s = 0; x0 < width; x0 += w, s++) {
            int lines = Math.min(w, width - x0);
            int out = s * depth * w;
            if (strideK == 1) {
                packAlongK(src, base + x0 * strideX, strideX, lines, depth, w, dst, out);
            } else {
                packAcrossLines(src, base + x0 * strideX, strideX, strideK, lines, depth, w, dst, out);
            }
            if (lines < w) zeroMissingLines(dst, out, lines, depth, w);
        }
    }

    /** K is the contiguous direction in the source: read each line sequentially, write with stride {@code w}. */
    private static void packAlongK(float[] src, int base, int strideX, int lines, int depth, int w, float[] dst, int out) {
        for (int x = 0; x < lines; x++) {
            int from = base + x * strideX;
            for (int k = 0; k < depth; k++) {
                dst[out + k * w + x] = src[from + k];
            }
        }
    }

    /** Lines are (usually) contiguous in the source: copy one K step of all lines at a time. */
    private static void packAcrossLines(float[] src, int base, int strideX, int strideK, int lines, int depth, int w,
                                        float[] dst, int out) {
        if (strideX == 1) {
            for (int k = 0; k < depth; k++) {
                System.arraycopy(src, base + k * strideK, dst, out + k * w, lines);
            }
            return;
        }
        for (int k = 0; k < depth; k++) {
            int from = base + k * strideK;
            for (int x = 0; x < lines; x++) {
                dst[out + k * w + x] = src[from + x * strideX];
            }
        }
    }

    private static void zeroMissingLines(float[] dst, int out, int lines, int depth, int w) {
        for (int k = 0; k < depth; k++) {
            Arrays.fill(dst, out + k * w + lines, out + (k + 1) * w, 0f);
        }
    }
}
