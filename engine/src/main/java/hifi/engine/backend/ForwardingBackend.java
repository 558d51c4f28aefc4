package hifi.engine.backend;

import hifi.engine.kernels.AdamWKernel;
import hifi.engine.kernels.GemmShape;
import hifi.engine.runtime.Activation;
import hifi.engine.tensor.Tensor;

import java.util.List;
import java.util.function.Supplier;

/**
 * A backend that runs every op on another backend, passing each through one hook, {@link #around}: the base of the
 * observing decorators ({@link CountingBackend}, the benchmarks' timing backend). The front checks an op's arguments
 * once, here; the delegate's unchecked kernels then do the work. Allocation and passes go to the delegate, so tensors
 * are the delegate's; the worker pool is the delegate's too.
 */
public abstract class ForwardingBackend extends Backend {
    private final Backend delegate;

    protected ForwardingBackend(Backend delegate) {
        super(delegate.workers());
        this.delegate = delegate;
    }

    /** The backend that does the work. */
    public Backend delegate() {
        return delegate;
    }

    /**
     * One op on its way to the delegate: its name ({@code gemm}, {@code softmax backward}, {@code activation GELU},
     * {@code allocate}, ...) and, for a GEMM, its shape and transpositions ({@code gemm} is {@code null} otherwise).
     */
    public record Op(String name, GemmShape gemm, boolean transA, boolean transB) {
        static Op named(String name) {
            return new Op(name, null, false, false);
        }

        /** Floating-point operations of the op: {@code 2·M·N·K} per product for a GEMM, else 0. */
        public long flops() {
            return gemm == null ? 0 : gemm.flops();
        }
    }

    /** Runs {@code body} (the op on the delegate) and returns its result; every op and allocation passes here. */
    protected abstract <T> T around(Op op, Supplier<T> body);

    private void run(Op op, Runnable body) {
        around(op, () -> {
            body.run();
            return null;
        });
    }

    @Override
    public Tensor allocate(int... shape) {
        return around(Op.named("allocate"), () -> delegate.allocate(shape));
    }

    @Override
    public Tensor allocateOutput(int... shape) {
        return around(Op.named("allocate"), () -> delegate.allocateOutput(shape));
    }

    @Override
    public PassScope openPass() {
        return delegate.openPass();
    }

    @Override
    protected void gemmUnchecked(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha, boolean accumulate,
                                 Tensor bias, GemmShape shape) {
        run(new Op("gemm", shape, transA, transB),
                () -> delegate.gemmUnchecked(a, transA, b, transB, c, alpha, accumulate, bias, shape));
    }

    @Override
    protected void softmaxUnchecked(Tensor x, Tensor additiveMask, int rowsPerMaskRow) {
        run(Op.named("softmax"), () -> delegate.softmaxUnchecked(x, additiveMask, rowsPerMaskRow));
    }

    @Override
    protected void softmaxBackwardUnchecked(Tensor y, Tensor dy, Tensor dx) {
        run(Op.named("softmax backward"), () -> delegate.softmaxBackwardUnchecked(y, dy, dx));
    }

    @Override
    protected void layerNormUnchecked(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd) {
        run(Op.named("layerNorm"), () -> delegate.layerNormUnchecked(x, gamma, beta, eps, y, mean, rstd));
    }

    @Override
    protected void layerNormBackwardUnchecked(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dx,
                                              Tensor dgamma, Tensor dbeta) {
        run(Op.named("layerNorm backward"), () -> delegate.layerNormBackwardUnchecked(dy, x, gamma, mean, rstd, dx, dgamma, dbeta));
    }

    @Override
    protected void activationUnchecked(Activation act, Tensor x, Tensor y) {
        run(Op.named("activation " + act), () -> delegate.activationUnchecked(act, x, y));
    }

    @Override
    protected void activationBackwardUnchecked(Activation act, Tensor in, Tensor dy, Tensor dx) {
        run(Op.named("activation backward " + act), () -> delegate.activationBackwardUnchecked(act, in, dy, dx));
    }

    @Override
    protected void dropoutUnchecked(Tensor x, Tensor y, float p, long seed) {
        run(Op.named("dropout"), () -> delegate.dropoutUnchecked(x, y, p, seed));
    }

    @Override
    protected void embeddingUnchecked(Tensor table, int[] ids, Tensor out) {
        run(Op.named("embedding"), () -> delegate.embeddingUnchecked(table, ids, out));
    }

    @Override
    protected void embeddingBackwardUnchecked(Tensor dOut, int[] ids, Tensor dTable) {
        run(Op.named("embedding backward"), () -> delegate.embeddingBackwardUnchecked(dOut, ids, dTable));
    }

    @Override
    protected float crossEntropyUnchecked(Tensor logits, int[] labels, Tensor dLogits) {
        return around(Op.named("crossEntropy"), () -> delegate.crossEntropyUnchecked(logits, labels, dLogits));
    }

    @Override
    protected float mseUnchecked(Tensor pred, float[] targets, Tensor dPred) {
        return around(Op.named("mse"), () -> delegate.mseUnchecked(pred, targets, dPred));
    }

    @Override
    protected void columnSumsUnchecked(Tensor x, Tensor out) {
        run(Op.named("columnSums"), () -> delegate.columnSumsUnchecked(x, out));
    }

    @Override
    protected void addUnchecked(Tensor a, Tensor b, Tensor out) {
        run(Op.named("add"), () -> delegate.addUnchecked(a, b, out));
    }

    @Override
    protected void axpyUnchecked(float alpha, Tensor x, Tensor y) {
        run(Op.named("axpy"), () -> delegate.axpyUnchecked(alpha, x, y));
    }

    @Override
    protected void scaleUnchecked(Tensor x, float s) {
        run(Op.named("scale"), () -> delegate.scaleUnchecked(x, s));
    }

    @Override
    protected void copyUnchecked(Tensor src, Tensor dst) {
        run(Op.named("copy"), () -> delegate.copyUnchecked(src, dst));
    }

    @Override
    protected void fillUnchecked(Tensor x, float v) {
        run(Op.named("fill"), () -> delegate.fillUnchecked(x, v));
    }

    @Override
    protected double sumOfSquaresUnchecked(Tensor x) {
        return around(Op.named("sumOfSquares"), () -> delegate.sumOfSquaresUnchecked(x));
    }

    @Override
    protected void adamWUnchecked(Tensor param, Tensor grad, Tensor m, Tensor v, AdamWKernel.Step step) {
        run(Op.named("adamW"), () -> delegate.adamWUnchecked(param, grad, m, v, step));
    }

    @Override
    protected double sumOfSquaresUnchecked(List<Tensor> xs) {
        return around(Op.named("sumOfSquares"), () -> delegate.sumOfSquaresUnchecked(xs));
    }

    @Override
    public ResidentSet keepResident(List<Tensor> tensors) {
        return delegate.keepResident(tensors);
    }

    @Override
    public void graphBoundary() {
        delegate.graphBoundary();
    }

    @Override
    protected void toHostUnchecked(Tensor src, float[] dst, int offset) {
        run(Op.named("toHost"), () -> delegate.toHostUnchecked(src, dst, offset));
    }
}
