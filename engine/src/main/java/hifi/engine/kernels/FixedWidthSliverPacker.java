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
        for (int x0 = 0, s = 0; x0 < width; x0 += W, s++) {
            int lines = Math.min(W, width - x0);
            int out = s * depth * W;
            if (strideK == 1) {
                packAlongK(src, base + x0 * strideX, strideX, lines, depth, dst, out);
            } else {
                packAcrossLines(src, base + x0 * strideX, strideX, strideK, lines, depth, dst, out);
            }
            if (lines < W) zeroMissingLines(dst, out, lines, depth);
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
    }

    /** Lines are (usually) contiguous in the source: copy one K step of all lines at a time. */
    private static void packAcrossLines(float[] src, int base, int strideX, int strideK, int lines, int depth,
                                        float[] dst, int out) {
        if (strideX == 1 && lines == W) {
            for (int k = 0; k < depth; k++) {
                int from = base + k * strideK, to = out + k * W;
                for (int x = 0; x < W; x++) {
                    dst[to + x] = src[from + x];
                }
            }
            return;
        }
        for (int k = 0; k < depth; k++) {
            int from = base + k * strideK;
            for (int x = 0; x < lines; x++) {
                dst[out + k * W + x] = src[from + x * strideX];
            }
        }
    }

    private static void zeroMissingLines(float[] dst, int out, int lines, int depth) {
        for (int k = 0; k < depth; k++) {
            Arrays.fill(dst, out + k * W + lines, out + (k + 1) * W, 0f);
        }
    }
}
