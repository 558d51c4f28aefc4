package hifi.engine.backend;

/**
 * One pass (a training step's forward and backward, or one inference batch) during which a backend recycles the
 * arrays of the tensors it allocates: see {@link Backend#openPass()}. Closing the scope ends the pass; every tensor
 * allocated inside it is invalid afterwards. Scopes nest: only the outermost close recycles.
 */
public interface PassScope extends AutoCloseable {
    /** A scope that recycles nothing, for backends without a pool. */
    PassScope NONE = () -> { };

    @Override
    void close();
}
