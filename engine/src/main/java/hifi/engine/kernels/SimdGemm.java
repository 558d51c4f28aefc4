package hifi.engine.kernels;

import hifi.engine.runtime.WorkerPool;
import jdk.incubator.vector.VectorSpecies;

import java.util.List;

/**
 * Vector API GEMM, {@code C = alpha·op(A)·op(B) (+C) (+bias)}, batched and strided as described by a
 * {@link GemmShape}.
 *
 * <p>The classic Goto/BLIS structure: for each panel of B ({@code kc × nc}) and block of A ({@code mc × kc}), copy
 * both into contiguous sliver layouts ({@link SliverPacker} — the only place that knows about transposes and leading
 * dimensions), then let a register-tiled micro-kernel ({@link GemmTileKernel}) stream through them. C is split into
 * non-overlapping {@link GemmTask}s on the backend's {@link WorkerPool}; K is always traversed in the same blocks and
 * order, so the result is bit-identical for every thread count.
 */
public final class SimdGemm {
    private SimdGemm() {
    }

    public static void gemm(VectorSpecies<Float> species, WorkerPool pool, float[] a, boolean transA, float[] b, boolean transB, float[] c,
                            float[] bias, int biasOffset, GemmShape s, float alpha, boolean accumulate) {
        if (s.batch() == 0 || s.m() == 0 || s.n() == 0) return;
        if (s.k() == 0) {
            ReferenceGemm.gemm(a, transA, b, transB, c, bias, biasOffset, s, alpha, accumulate);
            return;
        }
        GemmTileKernel kernel = GemmTileKernels.forSpecies(species);
        GemmBlocking blocking = GemmBlocking.of(kernel, s.k());
        Operands ops = new Operands(a, transA, b, transB, c, bias, biasOffset, s, alpha, accumulate);
        List<GemmTask> tasks = GemmTask.split(s, pool.threads(), blocking);
        pool.parallelFor(tasks.size(), t -> run(kernel, blocking, ops, tasks.get(t)));
    }

    /** Everything about one call except the partition; strides say where element (line, k) of each operand lives. */
    private record Operands(float[] a, int aStrideRow, int aStrideK, float[] b, int bStrideCol, int bStrideK,
                            float[] c, float[] bias, int biasOffset, GemmShape s, float alpha, boolean accumulate) {
        Operands(float[] a, boolean transA, float[] b, boolean transB, float[] c, float[] bias, int biasOffset,
                 GemmShape s, float alpha, boolean accumulate) {
            this(a, transA ? 1 : s.lda(), transA ? s.lda() : 1, b, transB ? s.ldb() : 1, transB ? 1 : s.ldb(),
                    c, bias, biasOffset, s, alpha, accumulate);
        }
    }

    private static void run(GemmTileKernel kernel, GemmBlocking blk, Operands op, GemmTask task) {
        GemmShape s = op.s();
        GemmWorkspace ws = GemmWorkspace.current();
        SliverPacker aPacker = SliverPacker.forWidth(blk.mr()), bPacker = SliverPacker.forWidth(blk.nr());
        int k = s.k();
        for (int p = task.batchFrom(); p < task.batchTo(); p++) {
            for (int jc = task.colFrom(); jc < task.colTo(); jc += blk.nc()) {
                int nc = Math.min(blk.nc(), task.colTo() - jc);
                for (int pc = 0; pc < k; pc += blk.kc()) {
                    int kc = Math.min(blk.kc(), k - pc);
                    float[] packedB = ws.packedB(SliverPacker.packedSize(nc, kc, blk.nr()));
                    bPacker.pack(op.b(), s.bOffsets()[p] + jc * op.bStrideCol() + pc * op.bStrideK(),
                            op.bStrideCol(), op.bStrideK(), nc, kc, packedB);
                    boolean addToC = op.accumulate() || pc > 0;
                    float[] bias = pc + kc == k ? op.bias() : null;
                    for (int ic = task.rowFrom(); ic < task.rowTo(); ic += blk.mc()) {
                        int mc = Math.min(blk.mc(), task.rowTo() - ic);
                        float[] packedA = ws.packedA(SliverPacker.packedSize(mc, kc, blk.mr()));
                        aPacker.pack(op.a(), s.aOffsets()[p] + ic * op.aStrideRow() + pc * op.aStrideK(),
                                op.aStrideRow(), op.aStrideK(), mc, kc, packedA);
                        kernel.multiplyPacked(packedA, packedB, mc, nc, kc, op.c(), s.cOffsets()[p] + ic * s.ldc() + jc,
                                s.ldc(), op.alpha(), addToC, bias, op.biasOffset() + jc);
                    }
                }
            }
        }
    }
}
