package hifi.engine.backend;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A decorator that counts GEMM calls and their floating-point operations ({@code 2·M·N·K} per product) before
 * delegating every op. Tests use it to prove that frozen weight gradients are never computed; benchmarks to report
 * FLOP rates.
 */
public final class CountingBackend extends ForwardingBackend {
    private final AtomicLong gemmCalls = new AtomicLong();
    private final AtomicLong gemmFlops = new AtomicLong();

    public CountingBackend(Backend delegate) {
        super(delegate);
    }

    /** GEMM calls since construction or the last {@link #reset()}. */
    public long gemmCalls() {
        return gemmCalls.get();
    }

    /** GEMM floating-point operations since construction or the last {@link #reset()}. */
    public long gemmFlops() {
        return gemmFlops.get();
    }

    public void reset() {
        gemmCalls.set(0);
        gemmFlops.set(0);
    }

    @Override
    public String name() {
        return "counting(" + delegate().name() + ")";
    }

    @Override
    protected <T> T around(Op op, Supplier<T> body) {
        if (op.gemm() != null) {
            gemmCalls.incrementAndGet();
            gemmFlops.addAndGet(op.flops());
        }
        return body.get();
    }
}
