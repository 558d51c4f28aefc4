package hifi.engine.kernels;

import java.lang.invoke.MethodHandles;
import java.util.Arrays;

/**
 * The {@link SliverPacker} for one sliver width {@link #W}: a {@link ClassSpecializer} template, copied once per
 * width so that {@code W} is a JIT constant. Packing is a transposition in two of the four cases, so one of its two
 * accesses is strided; with a constant {@code W} that side needs no bounds check per element, which halves the cost
 * of packing.
 */
final class FixedWidthSliverPacker implements SliverPacker {
    private static final int W = ClassSpecializer.parameter(MethodHandles.lookup(), Integer.class, 0);

    FixedWidthSliverPacker() {
        if (W <= 0) throw new IllegalStateException("use SliverPacker.forWidth(w), not the template itself");
    }

    @Override
    public int width() {
        return W;
    }

    @Override
    public void pack(float[] src, int base, int strideX, int strideK, int width, int depth, float[] dst) {
        if (strideK == 1) {
            for (int x0 = 0, s = 0; x0 < width; x0 += W, s++) {
                int lines = Math.min(W, width - x0);
                packAlongK(src, base + x0 * strideX, strideX, lines, depth, dst, s * depth * W);
            }
        } else if (strideX == 1) {
            packAcrossLines(src, base, strideK, width, depth, dst);
        } else {
            throw new IllegalArgumentException("an operand needs stride 1 along its lines or along K, got strides "
                    + strideX + " and " + strideK);
        }
    }

    /** K is the contiguous direction in the source: read each line sequentially, write with stride {@code W}. */
    private static void packAlongK(float[] src, int base, int strideX, int lines, int depth, float[] dst, int out) {
        for (int x = 0; x < lines; x++) {
            int from = base + x * strideX;
            for (int k = 0; k < depth; k++) {
                dst[out + k * W + x] = src[from + k];
            }
        }
        for (int k = 0; k < depth && lines < W; k++) {
            Arrays.fill(dst, out + k * W + lines, out + (k + 1) * W, 0f);
        }
    }

    /**
     * The lines are contiguous in the source: copy one step of K of the whole block at a time, so that every cache
     * line read is used in full even when a sliver is narrower than a cache line.
     */
    private static void packAcrossLines(float[] src, int base, int strideK, int width, int depth, float[] dst) {
        int full = width / W * W;
        for (int k = 0; k < depth; k++) {
            int from = base + k * strideK;
            for (int x0 = 0, to = k * W; x0 < full; x0 += W, to += depth * W) {
                for (int x = 0; x < W; x++) {
                    dst[to + x] = src[from + x0 + x];
                }
            }
            if (full < width) {
                int to = full * depth + k * W;
                System.arraycopy(src, from + full, dst, to, width - full);
                Arrays.fill(dst, to + width - full, to + W, 0f);
            }
        }
    }
}
