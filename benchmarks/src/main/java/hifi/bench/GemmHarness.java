package hifi.bench;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times the engine's GEMM on the BERT shapes of {@link GemmCase} and prints one line per shape,
 * {@code name|GFLOP/s}, for {@code compare-gemm.sh}. Each shape is warmed up, then timed {@code runs} times; the
 * median is reported.
 *
 * <p>Usage: {@code GemmHarness [--threads N] [--runs N] [--only SUBSTRING] [--cpu-time] [--list | --serve]}; {@code --list}
 * prints the shapes ({@link GemmCase#spec}) instead of timing them; {@code --serve} reads such specs from standard
 * input and answers each with a timing line, so that {@code compare_gemm.py} can interleave our timing and
 * OpenBLAS's shape by shape. {@code --cpu-time} (one thread only) times with the thread's CPU clock instead of the
 * wall clock, which keeps single-thread numbers meaningful on a machine shared with other work. The backend is the process default ({@code -Dhifi.backend}, {@code -Dhifi.vector.bits}).
 */
public final class GemmHarness {
    private GemmHarness() {
    }

    private static boolean cpuTime;

    public static void main(String[] args) {
        int threads = WorkerPool.defaultThreads(), runs = 7;
        String only = "";
        boolean list = false, serve = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "--list" -> list = true;
                case "--serve" -> serve = true;
                case "--cpu-time" -> cpuTime = true;
                default -> throw new IllegalArgumentException("unknown argument \"" + args[i]
                        + "\" (usage: GemmHarness [--threads N] [--runs N] [--only SUBSTRING] [--cpu-time] [--list | --serve])");
            }
        }
        if (cpuTime && threads != 1) throw new IllegalArgumentException("--cpu-time needs --threads 1");
        if (runs < 1) throw new IllegalArgumentException("--runs must be ≥ 1, got " + runs);
        List<GemmCase> cases = new ArrayList<>(GemmCase.bertLinear());
        cases.addAll(GemmCase.attention());
        String filter = only;
        cases.removeIf(c -> !c.name().contains(filter));
        if (cases.isEmpty()) throw new IllegalArgumentException("no GEMM case name contains \"" + filter + "\"");
        if (list) {
            cases.forEach(c -> System.out.println(c.spec()));
            return;
        }
        Backend backend = Backends.current();
        backend.workers().setThreads(threads);
        System.err.println("# ours: backend " + backend.name() + ", threads " + threads + ", runs " + runs
                + (cpuTime ? ", thread CPU time" : ", wall time") + ", JDK "
                + Runtime.version() + ", JVM flags " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        measure(backend, GemmCase.linear("fwd", 1024, 768, 768), 1); // let C2 compile the kernels first
        if (serve) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (!line.isBlank()) report(backend, GemmCase.parse(line), runs);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            for (GemmCase c : cases) report(backend, c, runs);
        }
    }

    private static void report(Backend backend, GemmCase c, int runs) {
        System.out.println(c.name() + "|" + String.format("%.1f", measure(backend, c, runs)));
        System.out.flush();
    }

    /** Median GFLOP/s of {@code runs} timed calls after at least a second of warm-up. */
    static double measure(Backend backend, GemmCase c, int runs) {
        Operands o = Operands.random(c, 42);
        long warmUntil = System.nanoTime() + 1_000_000_000L;
        for (int i = 0; i < 3 || System.nanoTime() < warmUntil; i++) o.call(backend);
        double[] gflops = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = now();
            o.call(backend);
            gflops[r] = c.flops() / (now() - t0);
        }
        Arrays.sort(gflops);
        return gflops[runs / 2];
    }

    private static long now() {
        return cpuTime ? ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Random operands of one case, stored as the transpose flags say. */
    record Operands(GemmCase c, Tensor a, Tensor b, Tensor out) {
        static Operands random(GemmCase c, long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            Tensor a = c.transA() ? Fill.random(rnd, c.batch(), c.k(), c.m()) : Fill.random(rnd, c.batch(), c.m(), c.k());
            Tensor b = c.transB() ? Fill.random(rnd, c.batch(), c.n(), c.k()) : Fill.random(rnd, c.batch(), c.k(), c.n());
            return new Operands(c, a, b, Tensor.zeros(c.batch(), c.m(), c.n()));
        }

        void call(Backend backend) {
            backend.gemm(a, c.transA(), b, c.transB(), out, 1f, false, null);
        }
    }
}
