package hifi.engine.backend;

/**
 * Host tensors that outlive passes (a training run's weights, gradients and optimiser moments), which a device backend
 * keeps in device memory from pass to pass while the set is open: they cross the bus once instead of every pass, and
 * device ops that write them (the optimiser's update) leave the host copy stale until {@link #synchronize()}.
 *
 * <p>The contract for host code: while the set is open it reads these tensors only after {@code synchronize()} (and
 * before the next op), and writes them only through backend ops; after {@link #close()} the host copies are current
 * and host code may do as it likes. CPU backends keep nothing and return {@link #NONE}.
 */
public interface ResidentSet extends AutoCloseable {
    /** The set of a backend whose tensors are always current on the host. */
    ResidentSet NONE = new ResidentSet() {
        @Override
        public void synchronize() {
        }

        @Override
        public void close() {
        }
    };

    /** Brings every value a device op wrote back to the host (for a checkpoint, a snapshot of the best weights). */
    void synchronize();

    /** Synchronises, then frees the device memory; the host copies are the only ones afterwards. */
    @Override
    void close();
}
