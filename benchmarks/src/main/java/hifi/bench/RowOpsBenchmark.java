package hifi.bench;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.runtime.Activation;
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
 * The non-GEMM ops of a BERT-base layer at training shapes, forward and backward, through the {@link Backend}
 * interface (so they measure whatever kernels the chosen backend has): softmax over {@code [B, 12, 128, 128]}
 * attention scores with a padding mask, LayerNorm over {@code [B·128, 768]}, GELU over {@code [B·128, 3072]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class RowOpsBenchmark {
    private static final int HEADS = 12, T = 128, HIDDEN = 768, FFN = 3072;

    @Param({"8"})
    public int sequences;

    @Param({"simd", "reference"})
    public String backendName;

    @Param({"1", "2"})
    public int threads;

    private Backend backend;
    private Tensor scores, probs, dScores, mask;
    private Tensor x, gamma, beta, y, mean, rstd, dy, dx, dgamma, dbeta;
    private Tensor ffn, ffnOut, dFfn;

    @Setup
    public void setUp() {
        backend = Backends.byName(backendName, threads);
        SplittableRandom rnd = new SplittableRandom(2);
        int tokens = sequences * T;
        scores = Fill.random(rnd, sequences, HEADS, T, T);
        probs = scores.copy();
        dScores = Fill.random(rnd, sequences, HEADS, T, T);
        mask = Tensor.zeros(sequences, T);
        for (int s = 0; s < sequences; s++) {
            for (int t = T - 10 * s % T; t < T; t++) mask.set(-10000f, s, t);
        }
        backend.softmax(probs, mask);
        x = Fill.random(rnd, tokens, HIDDEN);
        gamma = Fill.random(rnd, HIDDEN);
        beta = Fill.random(rnd, HIDDEN);
        y = Tensor.zeros(tokens, HIDDEN);
        mean = Tensor.zeros(tokens);
        rstd = Tensor.zeros(tokens);
        dy = Fill.random(rnd, tokens, HIDDEN);
        dx = Tensor.zeros(tokens, HIDDEN);
        dgamma = Tensor.zeros(HIDDEN);
        dbeta = Tensor.zeros(HIDDEN);
        backend.layerNorm(x, gamma, beta, 1e-12f, y, mean, rstd);
        ffn = Fill.random(rnd, tokens, FFN);
        ffnOut = Tensor.zeros(tokens, FFN);
        dFfn = Fill.random(rnd, tokens, FFN);
    }

    @Benchmark
    public Object softmax() {
        backend.softmax(probs, mask); // in place; softmax of probabilities stays a distribution, so repeats are fine
        return probs;
    }

    @Benchmark
    public Object softmaxBackward() {
        backend.softmaxBackward(probs, dScores, scores);
        return scores;
    }

    @Benchmark
    public Object layerNorm() {
        backend.layerNorm(x, gamma, beta, 1e-12f, y, mean, rstd);
        return y;
    }

    @Benchmark
    public Object layerNormBackward() {
        backend.layerNormBackward(dy, x, gamma, mean, rstd, dx, dgamma, dbeta);
        return dx;
    }

    @Benchmark
    public Object gelu() {
        backend.activation(Activation.GELU, ffn, ffnOut);
        return ffnOut;
    }

    @Benchmark
    public Object geluBackward() {
        backend.activationBackward(Activation.GELU, ffn, null, dFfn, ffnOut);
        return ffnOut;
    }
}
