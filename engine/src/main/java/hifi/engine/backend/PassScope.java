package hifi.engine.backend;

import hifi.engine.tensor.Tensor;

/**
 * One pass (a training step's forward and backward, or one inference batch) during which a backend recycles the
 * arrays of the tensors it allocates: see {@link Backend#openPass()}. Closing the scope ends the pass; every tensor
 * allocated inside it is invalid afterwards, unless {@link #keep kept}. Scopes nest, as frames: a nested scope (one
 * layer's backward, say) hands its temporaries back when it closes, and what it returns to its caller it keeps.
 */
public interface PassScope extends AutoCloseable {
    /** A scope that recycles nothing, for backends without a pool. */
    PassScope NONE = new PassScope() {
        @Override
        public void keep(Tensor tensor) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * {@code tensor}, allocated in this scope, outlives it: it moves to the enclosing scope (and stays valid until that
     * one closes); kept from the outermost scope, it leaves the pool and lives as long as it is referenced. A tensor not
     * allocated in this scope is left alone.
     */
    void keep(Tensor tensor);

    @Override
    void close();
}
