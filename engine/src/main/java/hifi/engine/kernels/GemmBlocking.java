package hifi.engine.kernels;

/**
 * Cache blocking of the packed GEMM: the micro-kernel sweeps a {@code kc × nr} sliver of B over every sliver of an
 * {@code mc × kc} block of A (kept in L2), and a {@code kc × nc} panel of B is reused by all row blocks of a task.
 *
 * <p>K is cut into {@code ceil(K / KC_MAX)} blocks of (nearly) equal depth, traversed in increasing order. The cut
 * depends on K alone — never on the partition of C or the thread count — which is what keeps results independent of
 * the thread count. Deep blocks pay off: each block of K costs one read-modify-write of C per tile, and on Zen 4
 * the hardware prefetchers keep a B sliver streaming from L2 even when it outgrows L1, so a kc of up to 1024 beat
 * the textbook "B sliver in L1" kc = 256 by 10–15% (87 → 100 GFLOP/s on one thread).
 *
 * <p>Defaults were tuned on AMD Zen 4 (32 KiB L1d, 1 MiB L2 per core) with single-thread CPU-time measurements; they
 * can be overridden for tuning experiments with {@code -Dhifi.gemm.kc}, {@code -Dhifi.gemm.mc}, {@code -Dhifi.gemm.nc}.
 */
record GemmBlocking(int mr, int nr, int kc, int mc, int nc) {
    private static final int KC_MAX = Integer.getInteger("hifi.gemm.kc", 1024);
    private static final int MC = Integer.getInteger("hifi.gemm.mc", 64);
    private static final int NC = Integer.getInteger("hifi.gemm.nc", 1024);

    static GemmBlocking of(GemmTileKernel kernel, int k) {
        int mr = kernel.mr(), nr = kernel.nr();
        int kBlocks = SliverPacker.ceilDiv(Math.max(1, k), Math.max(1, KC_MAX));
        int kc = SliverPacker.ceilDiv(Math.max(1, k), kBlocks);
        return new GemmBlocking(mr, nr, kc, roundUp(Math.max(mr, MC), mr), roundUp(Math.max(nr, NC), nr));
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
