package hifi.bench;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.tensor.Tensor;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The attention products of BERT-base (12 heads × 64 dims, 128 tokens) batched over sequences × heads, on the
 * strided head views the model uses: Q, K, V are {@code [B, H, T, dh]} permutations of {@code [B·T, 768]}
 * activations, so every head slice has row stride 768.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class AttentionGemmBenchmark {
    private static final int HEADS = 12, T = 128, DH = 64;

    @Param({"8", "32"})
    public int sequences;

    @Param({"1", "2"})
    public int threads;

    private Backend backend;
    private Tensor q, k, v, scores, context;

    @Setup
    public void setUp() {
        backend = Backends.current();
        backend.workers().setThreads(threads);
        SplittableRandom rnd = new SplittableRandom(1);
        q = headView(Fill.random(rnd, sequences * T, HEADS * DH));
        k = headView(Fill.random(rnd, sequences * T, HEADS * DH));
        v = headView(Fill.random(rnd, sequences * T, HEADS * DH));
        context = headView(Tensor.zeros(sequences * T, HEADS * DH));
        scores = Fill.random(rnd, sequences, HEADS, T, T);
    }

    private Tensor headView(Tensor x) {
        return x.view(sequences, T, HEADS, DH).permute(0, 2, 1, 3);
    }

    /** {@code S = Q·Kᵀ / √dh}: [B,H,128,64]·[B,H,64,128]. */
    @Benchmark
    public Object queryKey() {
        backend.gemm(q, false, k, true, scores, 0.125f, false, null);
        return scores;
    }

    /** {@code O = P·V}: [B,H,128,128]·[B,H,128,64]. */
    @Benchmark
    public Object probabilitiesValue() {
        backend.gemm(scores, false, v, false, context, 1f, false, null);
        return context;
    }
}
