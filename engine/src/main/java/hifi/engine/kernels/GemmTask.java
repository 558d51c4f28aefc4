package hifi.engine.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * One unit of parallel GEMM work: batches {@code [batchFrom, batchTo)} and, within each, the output rows
 * {@code [rowFrom, rowTo)} × columns {@code [colFrom, colTo)} over the whole of K. Tasks never overlap, so every
 * output element is written by exactly one thread.
 */
record GemmTask(int batchFrom, int batchTo, int rowFrom, int rowTo, int colFrom, int colTo) {

    /** Below this many multiply-adds a call runs on the calling thread: forking would cost more than it saves. */
    static final long MIN_PARALLEL_WORK = 1L << 18;

    /**
     * Splits a call into at most {@code threads} tasks: whole batches when there are enough of them, otherwise the
     * larger of M and N of each product, in multiples of the register tile.
     */
    static List<GemmTask> split(GemmShape s, int threads, GemmBlocking blocking) {
        long work = (long) s.batch() * s.m() * s.n() * s.k();
        List<GemmTask> tasks = new ArrayList<>();
        if (threads <= 1 || work < MIN_PARALLEL_WORK) {
            tasks.add(new GemmTask(0, s.batch(), 0, s.m(), 0, s.n()));
        } else if (s.batch() >= threads) {
            for (int t = 0; t < threads; t++) {
                int from = (int) ((long) s.batch() * t / threads), to = (int) ((long) s.batch() * (t + 1) / threads);
                if (from < to) tasks.add(new GemmTask(from, to, 0, s.m(), 0, s.n()));
            }
        } else {
            int parts = SliverPacker.ceilDiv(threads, s.batch());
            boolean byColumns = s.n() >= s.m();
            int extent = byColumns ? s.n() : s.m();
            int unit = byColumns ? blocking.nr() : blocking.mr();
            int units = SliverPacker.ceilDiv(extent, unit);
            parts = Math.min(parts, units);
            for (int p = 0; p < s.batch(); p++) {
                for (int q = 0; q < parts; q++) {
                    int from = Math.min(extent, units * q / parts * unit);
                    int to = Math.min(extent, units * (q + 1) / parts * unit);
                    if (from >= to) continue;
                    tasks.add(byColumns ? new GemmTask(p, p + 1, 0, s.m(), from, to) : new GemmTask(p, p + 1, from, to, 0, s.n()));
                }
            }
        }
        return tasks;
    }
}
