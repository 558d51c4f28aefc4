package hifi.engine.tensor;

/**
 * Where a tensor's floats live. The CPU backends use {@link HeapStorage}; a device backend (TornadoVM) supplies its
 * own implementation holding a device-resident buffer, so model code never touches the floats directly.
 */
public interface Storage {
    /** Number of float elements this storage holds. */
    long size();

    /**
     * The floats as a heap array, for host code ({@link Tensor#data()}). A device storage copies its values back first
     * and treats the host copy as the current one afterwards; the default has no host copy.
     */
    default float[] hostArray() {
        throw new IllegalStateException(getClass().getSimpleName() + " has no host copy");
    }
}
