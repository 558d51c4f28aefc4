package hifi.engine.kernels;

import hifi.engine.runtime.RowLayout;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;

/**
 * Walks same-shaped tensors as runs of consecutive elements ("segments") on a {@link WorkerPool}. When every tensor
 * is contiguous the whole tensor is one flat run, split into a few large ranges (the fast path); otherwise each row
 * (last-dimension vector, placed by {@link RowLayout}) is a segment and the rows are split among the tasks.
 *
 * <p>Each element belongs to exactly one segment and a segment's body only touches its own elements, so for
 * elementwise kernels the partition cannot change any result: outputs are identical for every thread count.
 */
public final class Segments {
    /** Below this many elements per task, splitting costs more than it saves. */
    static final int GRAIN_ELEMENTS = 1 << 14;

    private Segments() {
    }

    /** One run of {@code n} consecutive elements: its storage offsets in up to three tensors. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param index row-major element index (within the tensors) of the run's first element
         * @param o0    storage offset of the run in the first tensor (likewise {@code o1}, {@code o2}; 0 if absent)
         */
        void run(long index, int o0, int o1, int o2, int n);
    }

    /** Runs {@code body} over every element of the same-shaped tensors {@code ts} (one to three of them). */
    public static void forEach(WorkerPool pool, String op, Body body, Tensor... ts) {
        if (ts.length < 1 || ts.length > 3) throw new IllegalArgumentException(op + ": 1 to 3 tensors, got " + ts.length);
        int numel = ts[0].numel();
        if (numel == 0) return;
        if (allContiguous(ts)) {
            int o0 = ts[0].offset(), o1 = ts.length > 1 ? ts[1].offset() : 0, o2 = ts.length > 2 ? ts[2].offset() : 0;
            pool.parallelRange(numel, GRAIN_ELEMENTS, (from, to) -> body.run(from, o0 + from, o1 + from, o2 + from, to - from));
            return;
        }
        RowLayout l0 = new RowLayout(op, ts[0]);
        RowLayout l1 = ts.length > 1 ? new RowLayout(op, ts[1]) : null;
        RowLayout l2 = ts.length > 2 ? new RowLayout(op, ts[2]) : null;
        int length = l0.length();
        forRows(pool, l0.count(), length, (from, to) -> {
            for (int r = from; r < to; r++) {
                body.run((long) r * length, l0.offset(r), l1 == null ? 0 : l1.offset(r), l2 == null ? 0 : l2.offset(r), length);
            }
        });
    }

    /** Splits {@code rows} rows of {@code length} floats into parallel ranges of at least {@link #GRAIN_ELEMENTS}. */
    public static void forRows(WorkerPool pool, int rows, int length, WorkerPool.RangeBody body) {
        pool.parallelRange(rows, Math.max(1, GRAIN_ELEMENTS / Math.max(1, length)), body);
    }

    /**
     * Splits the columns {@code [0, length)} of a reduction over {@code rows} rows into parallel blocks whose
     * boundaries are multiples of {@code lanes}, so that each column is reduced by one task in row order.
     */
    public static void forColumns(WorkerPool pool, int length, int rows, int lanes, WorkerPool.RangeBody body) {
        int vectors = (length + lanes - 1) / lanes;
        int grain = Math.max(1, GRAIN_ELEMENTS / Math.max(1, rows * lanes));
        pool.parallelRange(vectors, grain, (from, to) -> body.range(from * lanes, Math.min(length, to * lanes)));
    }

    /** The storage offset of every row of {@code layout}, for kernels that revisit rows many times. */
    public static int[] rowOffsets(RowLayout layout) {
        int[] o = new int[layout.count()];
        for (int r = 0; r < o.length; r++) o[r] = layout.offset(r);
        return o;
    }

    private static boolean allContiguous(Tensor... ts) {
        for (Tensor t : ts) if (!t.isContiguous()) return false;
        return true;
    }
}
