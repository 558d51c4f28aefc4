package hifi.engine.kernels;

import hifi.engine.tensor.ShapeException;
import hifi.engine.tensor.Tensor;

/**
 * The validated geometry of one (batched) GEMM call {@code C = alpha·op(A)·op(B) (+C) (+bias)}: sizes, leading
 * dimensions (row strides) and the storage offset of each batch's operands. Shared by every GEMM implementation so
 * that they agree on what a call means.
 */
public record GemmShape(int batch, int m, int n, int k, int lda, int ldb, int ldc,
                        int[] aOffsets, int[] bOffsets, int[] cOffsets) {

    public static GemmShape of(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, Tensor bias) {
        int r = c.rank();
        if (r < 2 || a.rank() != r || b.rank() != r) {
            throw ShapeException.of("gemm", "A, B and C must have the same rank ≥ 2", a.shape(), b.shape(), c.shape());
        }
        for (int i = 0; i < r - 2; i++) {
            if (a.dim(i) != c.dim(i) || b.dim(i) != c.dim(i)) {
                throw ShapeException.of("gemm", "batch dimensions differ", a.shape(), b.shape(), c.shape());
            }
        }
        int m = transA ? a.dim(-1) : a.dim(-2);
        int ka = transA ? a.dim(-2) : a.dim(-1);
        int kb = transB ? b.dim(-1) : b.dim(-2);
        int n = transB ? b.dim(-2) : b.dim(-1);
        if (ka != kb || c.dim(-2) != m || c.dim(-1) != n) {
            throw ShapeException.of("gemm" + (transA ? " Aᵀ" : " A") + (transB ? "·Bᵀ" : "·B"),
                    "inner or output dimensions do not match", a.shape(), b.shape(), c.shape());
        }
        for (Tensor t : new Tensor[] {a, b, c}) {
            if (t.stride(-1) != 1 && t.dim(-1) > 1) {
                throw ShapeException.of("gemm", "last dimension of every operand must be contiguous (strides "
                        + java.util.Arrays.toString(t.strides()) + ")", t.shape());
            }
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != n)) {
            throw ShapeException.of("gemm", "bias must be [N] with N = " + n, bias.shape(), c.shape());
        }
        int batch = 1;
        for (int i = 0; i < r - 2; i++) batch *= c.dim(i);
        int[] ao = new int[batch], bo = new int[batch], co = new int[batch];
        for (int p = 0; p < batch; p++) {
            int rem = p, oa = a.offset(), ob = b.offset(), oc = c.offset();
            for (int i = r - 3; i >= 0; i--) {
                int d = c.dim(i), idx = rem % d;
                rem /= d;
                oa += idx * a.stride(i);
                ob += idx * b.stride(i);
                oc += idx * c.stride(i);
            }
            ao[p] = oa;
            bo[p] = ob;
            co[p] = oc;
        }
        return new GemmShape(batch, m, n, ka, a.stride(-2), b.stride(-2), c.stride(-2), ao, bo, co);
    }

    /** Floating-point operations of the whole call (2·M·N·K per batch). */
    public long flops() {
        return 2L * batch * m * n * k;
    }
}
