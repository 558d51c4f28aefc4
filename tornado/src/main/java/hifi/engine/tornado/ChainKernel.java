package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The other half of a <b>chain</b>: a graph that runs several queued launches in one TornadoVM execution (one host
 * round trip instead of one per op). Each slot of the chain is two tasks over the same descriptor and scalars, the
 * GEMM ({@link GemmKernel#gemm}) and {@link #dispatch}, which runs every other kernel; the descriptor's last int
 * ({@link #OP}: the kernel's op below, {@link #NOP} for an unused slot) says which, and the other
 * task of the slot does nothing on a single work-item. Two tasks, because TornadoVM allocates the GEMM's local memory
 * only in a kernel that inlines nothing else of this size, and inlines a callee only up to a size.
 */
public final class ChainKernel {
    /** Where a descriptor names its kernel. */
    static final int OP = DeviceArena.DESCRIPTOR_INTS - 1;
    /** An unused slot. */
    static final int NOP = 0;
    /** The kernels' ops, as {@code DeviceArena.Kernel} names them. */
    static final int GEMM = 1, SOFTMAX = 2, SOFTMAX_BACKWARD = 3, LAYER_NORM = 4, LAYER_NORM_INPUT_GRADIENT = 5,
            LAYER_NORM_PARAMETER_GRADIENTS = 6, ACTIVATION = 7, ACTIVATION_BACKWARD = 8, DROPOUT = 9, COLUMN_SUMS = 10, ADD = 11,
            AXPY = 12, SCALE = 13, COPY = 14, FILL = 15, ADAM_W = 16, SUM_OF_SQUARES = 17, GATHER = 18, SCATTER_ADD = 19;

    private ChainKernel() {
    }

    /** Runs the kernel named by {@code d[OP]} unless it is the GEMM (the slot's other task) or nothing. */
    public static void dispatch(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int op = d.get(OP);
        if (op == SOFTMAX) {
            SoftmaxKernels.softmax(ctx, m, d, f);
        } else if (op == SOFTMAX_BACKWARD) {
            SoftmaxKernels.backward(ctx, m, d, f);
        } else if (op == LAYER_NORM) {
            LayerNormKernels.forward(ctx, m, d, f);
        } else if (op == LAYER_NORM_INPUT_GRADIENT) {
            LayerNormKernels.inputGradient(ctx, m, d, f);
        } else if (op == LAYER_NORM_PARAMETER_GRADIENTS) {
            LayerNormKernels.parameterGradients(ctx, m, d, f);
        } else if (op == ACTIVATION) {
            ActivationKernels.forward(ctx, m, d, f);
        } else if (op == ACTIVATION_BACKWARD) {
            ActivationKernels.backward(ctx, m, d, f);
        } else if (op == DROPOUT) {
            DropoutKernel.dropout(ctx, m, d, f);
        } else if (op == COLUMN_SUMS) {
            ElementwiseKernels.columnSums(ctx, m, d, f);
        } else if (op == ADD) {
            ElementwiseKernels.add(ctx, m, d, f);
        } else if (op == AXPY) {
            ElementwiseKernels.axpy(ctx, m, d, f);
        } else if (op == SCALE) {
            ElementwiseKernels.scale(ctx, m, d, f);
        } else if (op == COPY) {
            ElementwiseKernels.copy(ctx, m, d, f);
        } else if (op == FILL) {
            ElementwiseKernels.fill(ctx, m, d, f);
        } else if (op == ADAM_W) {
            TrainingKernels.adamW(ctx, m, d, f);
        } else if (op == SUM_OF_SQUARES) {
            TrainingKernels.sumOfSquares(ctx, m, d, f);
        } else if (op == GATHER) {
            TrainingKernels.gather(ctx, m, d, f);
        } else if (op == SCATTER_ADD) {
            TrainingKernels.scatterAdd(ctx, m, d, f);
        }
    }
}
