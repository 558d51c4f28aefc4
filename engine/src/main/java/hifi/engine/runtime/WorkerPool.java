package hifi.engine.runtime;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * The worker threads of one backend: its kernels run their parallel parts here, and host code that works beside the
 * backend (HiFi's statistics) may too. Created from a thread count ({@link #defaultThreads()} reads the configured
 * one); the threads start on first use and are daemons. Work is split into a fixed number of tasks chosen by the
 * caller, never by the pool, so the partition (and hence every result) does not depend on scheduling.
 */
public final class WorkerPool {
    private volatile ForkJoinPool pool;
    private volatile int threads;

    public WorkerPool(int threads) {
        this.threads = checkThreads(threads);
    }

    /**
     * The configured thread count: {@code -Dhifi.threads=N}, else the environment variable {@code HIFI_THREADS}, else
     * the number of available processors.
     */
    public static int defaultThreads() {
        String p = System.getProperty("hifi.threads");
        if (p == null || p.isBlank()) p = System.getenv("HIFI_THREADS");
        if (p != null && !p.isBlank()) {
            try {
                int n = Integer.parseInt(p.trim());
                if (n >= 1) return n;
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
            throw new IllegalArgumentException("hifi.threads / HIFI_THREADS must be a positive integer, got \"" + p + "\"");
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static int checkThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("thread count must be ≥ 1, got " + n);
        return n;
    }

    public int threads() {
        return threads;
    }

    /** Resizes the pool (takes effect for the next parallel call). */
    public synchronized void setThreads(int n) {
        checkThreads(n);
        if (n != threads) {
            ForkJoinPool old = pool;
            pool = null;
            threads = n;
            if (old != null) old.shutdown();
        }
    }

    private ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    p = new ForkJoinPool(threads, pool0 -> {
                        var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool0);
                        t.setName("hifi-worker-" + t.getPoolIndex());
                        t.setDaemon(true);
                        return t;
                    }, null, false);
                    pool = p;
                }
            }
        }
        return p;
    }

    /**
     * Runs {@code body.accept(t)} for {@code t = 0 .. tasks-1}, in parallel when more than one thread is configured and
     * more than one task is given. The call returns when all tasks are done. Nested calls run inline.
     */
    public void parallelFor(int tasks, IntConsumer body) {
        if (tasks <= 0) return;
        if (tasks == 1 || threads == 1 || ForkJoinTask.inForkJoinPool()) {
            for (int t = 0; t < tasks; t++) body.accept(t);
            return;
        }
        ForkJoinPool p = pool();
        ForkJoinTask<?>[] fs = new ForkJoinTask<?>[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            final int id = t;
            fs[t - 1] = p.submit(() -> body.accept(id));
        }
        RuntimeException failure = null;
        try {
            body.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (ForkJoinTask<?> f : fs) {
            try {
                f.join();
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
            }
        }
        if (failure != null) throw failure;
    }

    /**
     * Splits {@code [0, n)} into contiguous ranges of at least {@code grain} items, at most one per thread, and runs
     * {@code body.range(from, to)} for each.
     */
    public void parallelRange(int n, int grain, RangeBody body) {
        if (n <= 0) return;
        int chunks = Math.max(1, Math.min(threads, (n + Math.max(1, grain) - 1) / Math.max(1, grain)));
        if (chunks == 1) {
            body.range(0, n);
            return;
        }
        parallelFor(chunks, c -> body.range((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)));
    }

    /** A half-open index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void range(int from, int to);
    }
}
