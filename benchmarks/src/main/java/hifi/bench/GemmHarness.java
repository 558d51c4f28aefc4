package hifi.bench;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.backend.WorkerPool;
import hifi.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times the engine's GEMM on the BERT shapes of {@link GemmCase} and prints one line per shape,
 * {@code name|GFLOP/s}, for {@code compare-gemm.sh}. Each shape is warmed up, then timed {@code runs} times; the
 * median is reported.
 *
 * <p>Usage: {@code GemmHarness [threads] [runs] [--list] [--only SUBSTRING]}; the backend is the process default
 * ({@code -Dhifi.backend}, {@code -Dhifi.vector.bits}).
 */
public final class GemmHarness {
    private GemmHarness() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : WorkerPool.threads();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<String> rest = Arrays.asList(args).subList(Math.min(2, args.length), args.length);
        List<GemmCase> cases = new ArrayList<>(GemmCase.bertLinear());
        cases.addAll(GemmCase.attention());
        int only = rest.indexOf("--only");
        if (only >= 0) cases.removeIf(c -> !c.name().contains(rest.get(only + 1)));
        if (rest.contains("--list")) {
            cases.forEach(c -> System.out.println(c.spec()));
            return;
        }
        WorkerPool.setThreads(threads);
        Backend backend = Backends.current();
        System.err.println("# backend " + backend.name() + ", threads " + threads + ", runs " + runs
                + ", JDK " + Runtime.version());
        for (GemmCase c : cases) {
            System.out.println(c.name() + "|" + String.format("%.1f", measure(backend, c, runs)));
        }
    }

    /** Median GFLOP/s of {@code runs} timed calls after at least a second of warm-up. */
    static double measure(Backend backend, GemmCase c, int runs) {
        Operands o = Operands.random(c, 42);
        long warmUntil = System.nanoTime() + 1_000_000_000L;
        for (int i = 0; i < 3 || System.nanoTime() < warmUntil; i++) o.call(backend);
        double[] gflops = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            o.call(backend);
            gflops[r] = c.flops() / (System.nanoTime() - t0);
        }
        Arrays.sort(gflops);
        return gflops[runs / 2];
    }

    /** Random operands of one case, stored as the transpose flags say. */
    record Operands(GemmCase c, Tensor a, Tensor b, Tensor out) {
        static Operands random(GemmCase c, long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            Tensor a = c.transA() ? Tensor.zeros(c.batch(), c.k(), c.m()) : Tensor.zeros(c.batch(), c.m(), c.k());
            Tensor b = c.transB() ? Tensor.zeros(c.batch(), c.n(), c.k()) : Tensor.zeros(c.batch(), c.k(), c.n());
            fill(a, rnd);
            fill(b, rnd);
            return new Operands(c, a, b, Tensor.zeros(c.batch(), c.m(), c.n()));
        }

        private static void fill(Tensor t, SplittableRandom rnd) {
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) d[i] = (float) (rnd.nextDouble() * 2 - 1);
        }

        void call(Backend backend) {
            backend.gemm(a, c.transA(), b, c.transB(), out, 1f, false, null);
        }
    }
}
