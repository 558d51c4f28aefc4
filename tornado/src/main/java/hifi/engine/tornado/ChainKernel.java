package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The other half of a <b>chain</b>: a graph that runs several queued launches in one TornadoVM execution (one host
 * round trip instead of one per op). Each slot of the chain is two tasks over the same descriptor and scalars, the
 * GEMM ({@link GemmKernel#gemm}) and {@link #dispatch}, which runs every other kernel; the descriptor's last int
 * ({@link #OP}, a {@code DeviceArena.Kernel} ordinal + 1, {@link #NOP} for an unused slot) says which, and the other
 * task of the slot does nothing on a single work-item. Two tasks, because TornadoVM allocates the GEMM's local memory
 * only in a kernel that inlines nothing else of this size, and inlines a callee only up to a size.
 */
public final class ChainKernel {
    /** Where a descriptor names its kernel. */
    static final int OP = DeviceArena.DESCRIPTOR_INTS - 1;
    /** An unused slot. */
    static final int NOP = 0;
    /** The GEMM's op ({@code Kernel.GEMM.ordinal() + 1}). */
    static final int GEMM = 1;

    private ChainKernel() {
    }

    /** Runs the kernel named by {@code d[OP]} unless it is the GEMM (the slot's other task) or nothing. */
    public static void dispatch(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int op = d.get(OP);
        if (op == 2) {
            SoftmaxKernels.softmax(ctx, m, d, f);
        } else if (op == 3) {
            SoftmaxKernels.backward(ctx, m, d, f);
        } else if (op == 4) {
            LayerNormKernels.forward(ctx, m, d, f);
        } else if (op == 5) {
            LayerNormKernels.inputGradient(ctx, m, d, f);
        } else if (op == 6) {
            LayerNormKernels.parameterGradients(ctx, m, d, f);
        } else if (op == 7) {
            ActivationKernels.forward(ctx, m, d, f);
        } else if (op == 8) {
            ActivationKernels.backward(ctx, m, d, f);
        } else if (op == 9) {
            DropoutKernel.dropout(ctx, m, d, f);
        } else if (op == 10) {
            ElementwiseKernels.columnSums(ctx, m, d, f);
        } else if (op == 11) {
            ElementwiseKernels.add(ctx, m, d, f);
        } else if (op == 12) {
            ElementwiseKernels.axpy(ctx, m, d, f);
        } else if (op == 13) {
            ElementwiseKernels.scale(ctx, m, d, f);
        } else if (op == 14) {
            ElementwiseKernels.copy(ctx, m, d, f);
        } else if (op == 15) {
            ElementwiseKernels.fill(ctx, m, d, f);
        } else if (op == 16) {
            TrainingKernels.adamW(ctx, m, d, f);
        } else if (op == 17) {
            TrainingKernels.sumOfSquares(ctx, m, d, f);
        } else if (op == 18) {
            TrainingKernels.gather(ctx, m, d, f);
        } else if (op == 19) {
            TrainingKernels.scatterAdd(ctx, m, d, f);
        }
    }
}
