package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import static hifi.engine.tornado.ArenaAddress.MATRICES;
import static hifi.engine.tornado.ArenaAddress.matrix;

/**
 * The GEMM on the device, tiled through local memory: a work-group of {@link #THREADS} work-items computes one
 * {@link #TILE} × {@link #TILE} block of {@code C}, each work-item a 2 × 2 sub-block held in registers. Per step of
 * {@link #TILE} along {@code k}, the group copies a tile of {@code op(A)} and one of {@code op(B)} into local memory
 * (neighbouring work-items read neighbouring floats, whichever operand is transposed), then every work-item reads
 * each local value it needs once per step. Out-of-range tile elements read as zero, so any shape works. Portable
 * OpenCL/PTX, not a cuBLAS: see the tornado README for what it reaches.
 */
public final class GemmKernel {
    /** Edge of a work-group's output tile and of its steps along {@code k}. */
    static final int TILE = 32;
    /** Work-items per group: (TILE / 2)², each computing 2 × 2 outputs. */
    static final int THREADS = TILE * TILE / 4;
    /** Descriptor: work, batch, m, n, k, transA, transB, accumulate, hasBias, bias base, then A, B, C matrix batches. */
    static final int A = 10, B = A + MATRICES, C = B + MATRICES;

    private GemmKernel() {
    }

    /** Work-groups for a batch of {@code m × n} outputs. */
    static int groups(int batch, int m, int n) {
        return batch * tiles(m) * tiles(n);
    }

    private static int tiles(int extent) {
        return (extent + TILE - 1) / TILE;
    }

    /**
     * {@code C = f[0] · op(A) · op(B) + (accumulate ? C : 0) + (hasBias ? bias : 0)}; one work-group per output tile.
     * In a chain ({@link ChainKernel}) every slot has a GEMM task and a task for the other kernels; this one does
     * nothing unless the descriptor names the GEMM in {@code d[ChainKernel.OP]}.
     */
    public static void gemm(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        float[] aTile = ctx.allocateFloatLocalArray(TILE * TILE);   // [row][step]
        float[] bTile = ctx.allocateFloatLocalArray(TILE * TILE);   // [step][column]
        int op = d.get(ChainKernel.OP);
        if (op != ChainKernel.GEMM) {
            return;   // a chain's GEMM task whose launch is another kernel's (ChainKernel)
        }
        int rows = d.get(2);
        int n = d.get(3);
        int k = d.get(4);
        int transA = d.get(5);
        int transB = d.get(6);
        int tilesM = (rows + TILE - 1) / TILE;
        int tilesN = (n + TILE - 1) / TILE;
        int group = ctx.groupIdx;
        int p = group / (tilesM * tilesN);
        int i0 = (group / tilesN) % tilesM * TILE;
        int j0 = group % tilesN * TILE;
        int t = ctx.localIdx;
        int ti = t / (TILE / 2) * 2;
        int tj = t % (TILE / 2) * 2;
        int a = matrix(d, A, p);
        int b = matrix(d, B, p);
        int lda = d.get(A + 4);
        int ldb = d.get(B + 4);
        float c00 = 0f;
        float c01 = 0f;
        float c10 = 0f;
        float c11 = 0f;
        for (int q0 = 0; q0 < k; q0 += TILE) {
            for (int e = t; e < TILE * TILE; e += THREADS) {
                // e's fast index runs along memory: along k for a plain operand, along rows/columns for a transposed one
                int fast = e % TILE;
                int slow = e / TILE;
                int ar = transA == 1 ? fast : slow;
                int aq = transA == 1 ? slow : fast;
                aTile[ar * TILE + aq] = element(m, a, lda, transA, i0 + ar, q0 + aq, rows, k);
                int bq = transB == 1 ? fast : slow;
                int bc = transB == 1 ? slow : fast;
                bTile[bq * TILE + bc] = element(m, b, ldb, transB, q0 + bq, j0 + bc, k, n);
            }
            ctx.localBarrier();
            for (int q = 0; q < TILE; q++) {
                float a0 = aTile[ti * TILE + q];
                float a1 = aTile[(ti + 1) * TILE + q];
                float b0 = bTile[q * TILE + tj];
                float b1 = bTile[q * TILE + tj + 1];
                c00 += a0 * b0;
                c01 += a0 * b1;
                c10 += a1 * b0;
                c11 += a1 * b1;
            }
            ctx.localBarrier();
        }
        store(m, d, f, p, i0 + ti, j0 + tj, c00);
        store(m, d, f, p, i0 + ti, j0 + tj + 1, c01);
        store(m, d, f, p, i0 + ti + 1, j0 + tj, c10);
        store(m, d, f, p, i0 + ti + 1, j0 + tj + 1, c11);
    }

    /** Element {@code (r, c)} of {@code op(X)}, {@code X} at {@code base} with row stride {@code ld}; zero outside {@code rows × cols}. */
    private static float element(FloatArray m, int base, int ld, int trans, int r, int c, int rows, int cols) {
        float v = 0f;
        if (r < rows && c < cols) {
            v = m.get(trans == 1 ? base + c * ld + r : base + r * ld + c);
        }
        return v;
    }

    /** Writes output {@code (i, j)} of matrix {@code p}, if it is inside {@code C}: scaled, plus C and the bias as asked. */
    private static void store(FloatArray m, IntArray d, FloatArray f, int p, int i, int j, float acc) {
        if (i < d.get(2) && j < d.get(3)) {
            int ci = matrix(d, C, p) + i * d.get(C + 4) + j;
            float v = f.get(0) * acc;
            if (d.get(7) == 1) {
                v += m.get(ci);
            }
            if (d.get(8) == 1) {
                v += m.get(d.get(9) + j);
            }
            m.set(ci, v);
        }
    }
}
