package hifi.engine.backend;

import hifi.engine.runtime.WorkerPool;

import hifi.engine.tensor.Tensor;

/**
 * The allocation side shared by the CPU backends: heap tensors, recycled through an {@link ActivationPool} while a
 * {@link PassScope} is open.
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
}
