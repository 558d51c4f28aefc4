package hifi.engine.backend;

import hifi.engine.kernels.AdamWKernel;
import hifi.engine.kernels.Elementwise;
import hifi.engine.kernels.SquaredNorm;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;

/**
 * What the CPU backends share: heap tensors, recycled through an {@link ActivationPool} while a {@link PassScope} is
 * open, and the host-side squared norm, AdamW update and host reads.
 */
abstract class HeapBackend extends Backend {
    private final ActivationPool pool = new ActivationPool();

    HeapBackend(WorkerPool workers) {
        super(workers);
    }

    @Override
    public Tensor allocate(int... shape) {
        return pool.allocate(shape, true);
    }

    @Override
    public Tensor allocateOutput(int... shape) {
        return pool.allocate(shape, false);
    }

    @Override
    public PassScope openPass() {
        return pool.open();
    }

    // The host-side reductions and updates are the same scalar-order loops for every CPU backend: the squared norm in
    // fixed double blocks, AdamW per element (memory-bound, so it gains nothing from wider vectors), host reads.

    @Override
    protected double sumOfSquaresUnchecked(Tensor x) {
        return SquaredNorm.sumOfSquares(workers(), x);
    }

    @Override
    protected void adamWUnchecked(Tensor param, Tensor grad, Tensor m, Tensor v, AdamWKernel.Step step) {
        AdamWKernel.update(workers(), param, grad, m, v, step);
    }

    @Override
    protected void toHostUnchecked(Tensor src, float[] dst, int offset) {
        Elementwise.toHost(src, dst, offset);
    }
}
