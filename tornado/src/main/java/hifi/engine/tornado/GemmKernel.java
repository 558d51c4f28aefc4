package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * The batched GEMM as a TornadoVM kernel: one work-item per output element {@code (p, i, j)}, a float dot product
 * over {@code k} in index order. Operands are packed contiguous by the host ({@link TensorStaging}): A is
 * {@code [batch, m, k]} (or {@code [batch, k, m]} when {@code transA == 1}), B is {@code [batch, k, n]} (or
 * {@code [batch, n, k]}), C is {@code [batch, m, n]}. The int flags are compile-time constants for TornadoVM (it
 * specialises a kernel on its scalar arguments), so the untaken branches cost nothing.
 *
 * <p>This is the portable JIT path, written for correctness on any OpenCL device (PoCL included). It is also the seam
 * for a vendor GEMM: on NVIDIA a {@code libraryTask} calling cuBLAS could replace this task in the same graph with
 * the same packed buffers.
 */
public final class GemmKernel {
    private GemmKernel() {
    }

    /**
     * {@code C = alpha[0] · op(A) · op(B) + (accumulate ? C : 0) + (hasBias ? bias : 0)}; {@code bias} is {@code [n]}
     * (a one-element placeholder when there is none).
     */
    public static void gemm(FloatArray a, FloatArray b, FloatArray bias, FloatArray c, FloatArray alpha,
                            int batch, int m, int n, int k, int transA, int transB, int accumulate, int hasBias) {
        for (@Parallel int p = 0; p < batch; p++) {
            for (@Parallel int i = 0; i < m; i++) {
                for (@Parallel int j = 0; j < n; j++) {
                    int aBase = p * m * k;
                    int bBase = p * k * n;
                    float acc = 0f;
                    for (int q = 0; q < k; q++) {
                        float av = transA == 1 ? a.get(aBase + q * m + i) : a.get(aBase + i * k + q);
                        float bv = transB == 1 ? b.get(bBase + j * k + q) : b.get(bBase + q * n + j);
                        acc += av * bv;
                    }
                    int ci = p * m * n + i * n + j;
                    float v = alpha.get(0) * acc;
                    if (accumulate == 1) {
                        v += c.get(ci);
                    }
                    if (hasBias == 1) {
                        v += bias.get(j);
                    }
                    c.set(ci, v);
                }
            }
        }
    }
}
