package hifi.engine.kernels;

/**
 * Cache blocking of the packed GEMM. A {@code kc × nr} sliver of B stays in L1 while the micro-kernel sweeps it over
 * every sliver of an {@code mc × kc} block of A (L2); a {@code kc × nc} panel of B is reused by all row blocks of a
 * task. K is cut into blocks of {@code kc} in increasing order, the same for every partition of C, which is what
 * keeps results independent of the thread count.
 *
 * <p>Defaults were tuned on AMD Zen 4 (32 KiB L1d, 1 MiB L2) with {@code benchmarks/compare-gemm.sh}; they can be
 * overridden for tuning experiments with {@code -Dhifi.gemm.kc}, {@code -Dhifi.gemm.mc}, {@code -Dhifi.gemm.nc}.
 */
record GemmBlocking(int mr, int nr, int kc, int mc, int nc) {
    private static final int KC = Integer.getInteger("hifi.gemm.kc", 256);
    private static final int MC = Integer.getInteger("hifi.gemm.mc", 128);
    private static final int NC = Integer.getInteger("hifi.gemm.nc", 1024);

    static GemmBlocking of(GemmTileKernel kernel) {
        int mr = kernel.mr(), nr = kernel.nr();
        return new GemmBlocking(mr, nr, Math.max(1, KC), roundUp(Math.max(mr, MC), mr), roundUp(Math.max(nr, NC), nr));
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
