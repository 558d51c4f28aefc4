package hifi.engine.kernels;

import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;

/**
 * The sum of squares of a tensor's elements, in double precision and independent of the thread count: the elements
 * are cut into fixed blocks of {@link #BLOCK} (not one block per thread), each block is summed in order, and the block
 * sums are added in block order.
 */
public final class SquaredNorm {
    /** Elements per partial sum; fixed so the summation order never depends on the threads. */
    public static final int BLOCK = 1 << 13;

    private SquaredNorm() {
    }

    /** {@code Σ x²} over a contiguous tensor (checked by the {@code Backend} front). */
    public static double sumOfSquares(WorkerPool pool, Tensor x) {
        float[] d = x.data();
        int base = x.offset(), n = x.numel();
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] partial = new double[blocks];
        pool.parallelRange(blocks, 8, (from, to) -> {
            for (int b = from; b < to; b++) {
                double s = 0;
                for (int i = base + b * BLOCK, end = base + Math.min(n, (b + 1) * BLOCK); i < end; i++) s += (double) d[i] * d[i];
                partial[b] = s;
            }
        });
        double total = 0;
        for (double p : partial) total += p;
        return total;
    }
}
