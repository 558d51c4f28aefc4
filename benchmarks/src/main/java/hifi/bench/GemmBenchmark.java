package hifi.bench;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The linear-layer GEMMs of BERT-base training (see {@link GemmCase#linear}) through the default backend. Time per
 * call; GFLOP/s = {@code 2·m·n·k / time} (the harness {@link GemmHarness} prints GFLOP/s directly).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    @Param({"1024", "4096"})
    public int tokens;

    /** {@code in x out} of the layer. */
    @Param({"768x768", "768x3072", "3072x768"})
    public String layer;

    @Param({"fwd", "dX", "dW"})
    public String orientation;

    @Param({"1", "2"})
    public int threads;

    private Backend backend;
    private GemmHarness.Operands operands;

    @Setup
    public void setUp() {
        backend = Backends.current();
        backend.workers().setThreads(threads);
        String[] io = layer.split("x");
        operands = GemmHarness.Operands.random(GemmCase.linear(orientation, tokens, Integer.parseInt(io[0]),
                Integer.parseInt(io[1])), 42);
    }

    @Benchmark
    public Object gemm() {
        operands.call(backend);
        return operands.out();
    }
}
