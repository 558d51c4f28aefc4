package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import static hifi.engine.tornado.ArenaAddress.MATRICES;
import static hifi.engine.tornado.ArenaAddress.matrix;

/**
 * The GEMM on the device, register-blocked: a work-group of {@link #THREADS} work-items computes one
 * {@link #TILE} × {@link #TILE} block of {@code C}, each work-item a {@link #PER} × {@link #PER} sub-block held in
 * private registers. Per step of {@link #STEP} along {@code k} the group copies {@code op(A)}'s and {@code op(B)}'s
 * tiles into local memory, both stored {@code k}-major ({@code [q][row]} and {@code [q][column]}), so that the inner
 * loop reads {@link #PER} values of each per {@code q} and does {@code PER²} multiply-adds with them: 16 per 8 local
 * reads, where the earlier 2 × 2 blocking did 4 per 4. Each work-item's rows and columns are strided by
 * {@code TILE / PER} ({@code ty, ty + 16, …}), so that neighbouring work-items read neighbouring local words. The
 * copies read global memory along whichever index is contiguous (along {@code k} for a plain operand, along rows or
 * columns for a transposed one), and a local row is {@link #PITCH} = {@code TILE + 1} floats, so those copies do not
 * fall on one bank either. The next step's tile elements are read into registers before the current step's
 * multiply-adds (and stored to local memory after them), so that those reads overlap the arithmetic. Out-of-range tile
 * elements read as zero, so any shape works. Portable OpenCL/PTX, not a
 * cuBLAS: see the tornado README for what it reaches.
 */
public final class GemmKernel {
    /** Edge of a work-group's output tile, and its log2. */
    static final int TILE = 64, TILE_LOG2 = 6;
    /** Outputs per work-item along each edge. */
    static final int PER = 4;
    /** Work-items along one edge of the tile. */
    static final int SIDE = TILE / PER;
    /** Work-items per group. */
    static final int THREADS = SIDE * SIDE;
    /** Depth of one step along {@code k}, and its log2. */
    static final int STEP = 16, STEP_LOG2 = 4;
    /** Elements of each operand's tile a work-item copies per step. */
    static final int COPIES = STEP * TILE / THREADS;
    /** Floats per local row: one more than the tile, against bank conflicts on the copies. */
    static final int PITCH = TILE + 1;
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
        float[] aTile = ctx.allocateFloatLocalArray(STEP * PITCH);   // [q][row]
        float[] bTile = ctx.allocateFloatLocalArray(STEP * PITCH);   // [q][column]
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
        int ty = t / SIDE;
        int tx = t % SIDE;
        int a = matrix(d, A, p);
        int b = matrix(d, B, p);
        int lda = d.get(A + 4);
        int ldb = d.get(B + 4);
        // Each work-item copies COPIES elements of each tile per step, at coordinates that do not change from step to
        // step. A plain A and a transposed B are read along k (STEP wide), the others along rows / columns (TILE wide),
        // so neighbouring work-items read neighbouring floats; both widths are powers of two, so the index splits with
        // shifts (a GPU divides integers in software).
        int aShift = transA == 1 ? TILE_LOG2 : STEP_LOG2;
        int bShift = transB == 1 ? STEP_LOG2 : TILE_LOG2;
        int[] ar = new int[COPIES];
        int[] aq = new int[COPIES];
        int[] bq = new int[COPIES];
        int[] bc = new int[COPIES];
        float[] ra = new float[COPIES];
        float[] rb = new float[COPIES];
        for (int i = 0; i < COPIES; i++) {
            int e = t + i * THREADS;
            int af = e & ((1 << aShift) - 1);
            int as = e >> aShift;
            ar[i] = transA == 1 ? af : as;
            aq[i] = transA == 1 ? as : af;
            int bf = e & ((1 << bShift) - 1);
            int bs = e >> bShift;
            bq[i] = transB == 1 ? bf : bs;
            bc[i] = transB == 1 ? bs : bf;
            ra[i] = element(m, a, lda, transA, i0 + ar[i], aq[i], rows, k);   // the first step's tiles
            rb[i] = element(m, b, ldb, transB, bq[i], j0 + bc[i], k, n);
        }
        float[] acc = new float[PER * PER];
        float[] av = new float[PER];
        float[] bv = new float[PER];
        for (int r = 0; r < PER * PER; r++) {
            acc[r] = 0f;   // TornadoVM does not zero private arrays
        }
        for (int q0 = 0; q0 < k; q0 += STEP) {
            for (int i = 0; i < COPIES; i++) {
                aTile[aq[i] * PITCH + ar[i]] = ra[i];
                bTile[bq[i] * PITCH + bc[i]] = rb[i];
            }
            ctx.localBarrier();
            int next = q0 + STEP;
            if (next < k) {
                // the next step's tiles into registers: their loads are in flight during this step's multiply-adds
                for (int i = 0; i < COPIES; i++) {
                    ra[i] = element(m, a, lda, transA, i0 + ar[i], next + aq[i], rows, k);
                    rb[i] = element(m, b, ldb, transB, next + bq[i], j0 + bc[i], k, n);
                }
            }
            for (int q = 0; q < STEP; q++) {
                for (int r = 0; r < PER; r++) {
                    av[r] = aTile[q * PITCH + ty + r * SIDE];
                    bv[r] = bTile[q * PITCH + tx + r * SIDE];
                }
                for (int r = 0; r < PER; r++) {
                    for (int c = 0; c < PER; c++) {
                        acc[r * PER + c] += av[r] * bv[c];
                    }
                }
            }
            ctx.localBarrier();
        }
        int cBase = matrix(d, C, p);
        int ldc = d.get(C + 4);
        for (int r = 0; r < PER; r++) {
            for (int c = 0; c < PER; c++) {
                store(m, d, f, cBase, ldc, rows, n, i0 + ty + r * SIDE, j0 + tx + c * SIDE, acc[r * PER + c]);
            }
        }
    }

    /** Element {@code (r, c)} of {@code op(X)}, {@code X} at {@code base} with row stride {@code ld}; zero outside {@code rows × cols}. */
    private static float element(FloatArray m, int base, int ld, int trans, int r, int c, int rows, int cols) {
        float v = 0f;
        if (r < rows && c < cols) {
            v = m.get(trans == 1 ? base + c * ld + r : base + r * ld + c);
        }
        return v;
    }

    /**
     * Writes output {@code (i, j)} of the {@code rows × n} matrix at {@code cBase} (row stride {@code ldc}), if it is
     * inside: scaled, plus C and the bias as asked.
     */
    private static void store(FloatArray m, IntArray d, FloatArray f, int cBase, int ldc, int rows, int n, int i, int j, float acc) {
        if (i < rows && j < n) {
            int ci = cBase + i * ldc + j;
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
