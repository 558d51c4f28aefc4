package hifi.bench;

import hifi.engine.backend.Backend;
import hifi.engine.backend.ForwardingBackend;
import hifi.engine.kernels.GemmShape;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A decorator that adds the wall time of every op to a named bucket: GEMMs by shape and transposition (so the linear
 * layers, their two backward products and the batched attention products show up separately), everything else by op
 * name. Single-threaded callers only (the ops themselves may run on the worker pool).
 */
final class TimingBackend extends ForwardingBackend {
    private final Map<String, long[]> buckets = new TreeMap<>();

    TimingBackend(Backend delegate) {
        super(delegate);
    }

    /** Bucket name → {nanoseconds, calls, flops}. */
    Map<String, long[]> buckets() {
        return buckets;
    }

    void reset() {
        buckets.clear();
    }

    @Override
    public String name() {
        return "timing(" + delegate().name() + ")";
    }

    @Override
    protected <T> T around(Op op, Supplier<T> body) {
        long t0 = System.nanoTime();
        T r = body.get();
        long[] b = buckets.computeIfAbsent(bucket(op), k -> new long[3]);
        b[0] += System.nanoTime() - t0;
        b[1]++;
        b[2] += op.flops();
        return r;
    }

    private static String bucket(Op op) {
        GemmShape s = op.gemm();
        if (s == null) return op.name();
        String kind = s.batch() > 1 ? "gemm attention " : "gemm ";
        return String.format("%s%s·%s M=%d N=%d K=%d%s", kind, op.transA() ? "Aᵀ" : "A", op.transB() ? "Bᵀ" : "B",
                s.m(), s.n(), s.k(), s.batch() > 1 ? " ×" + s.batch() : "");
    }
}
