package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import static hifi.engine.tornado.ArenaAddress.MATRICES;
import static hifi.engine.tornado.ArenaAddress.matrix;

/**
 * The GEMM on the device: one work-item per output element, a plain dot product over {@code k} in float. Portable
 * (OpenCL, PTX, SPIR-V), not tuned: a cuBLAS {@code libraryTask} could replace it on NVIDIA.
 */
public final class GemmKernel {
    /** Descriptor: work, batch, m, n, k, transA, transB, accumulate, hasBias, bias base, then A, B, C matrix batches. */
    static final int A = 10, B = A + MATRICES, C = B + MATRICES;

    private GemmKernel() {
    }

    /** {@code C = f[0] · op(A) · op(B) + (accumulate ? C : 0) + (hasBias ? bias : 0)}, one element per work-item. */
    public static void gemm(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int idx = ctx.globalIdx;
        if (idx < d.get(0)) {
            int rows = d.get(2);
            int n = d.get(3);
            int k = d.get(4);
            int p = idx / (rows * n);
            int i = (idx / n) % rows;
            int j = idx % n;
            int a = matrix(d, A, p);
            int b = matrix(d, B, p);
            int lda = d.get(A + 4);
            int ldb = d.get(B + 4);
            float acc = 0f;
            for (int q = 0; q < k; q++) {
                float av = d.get(5) == 1 ? m.get(a + q * lda + i) : m.get(a + i * lda + q);
                float bv = d.get(6) == 1 ? m.get(b + j * ldb + q) : m.get(b + q * ldb + j);
                acc += av * bv;
            }
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
