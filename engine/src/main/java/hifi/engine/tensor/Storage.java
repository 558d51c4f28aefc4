package hifi.engine.tensor;

/**
 * Where a tensor's floats live. The CPU backends use {@link HeapStorage}; a device backend (TornadoVM) supplies its
 * own implementation holding a device-resident buffer, so model code never touches the floats directly.
 */
public interface Storage {
    /** Number of float elements this storage holds. */
    long size();
}
