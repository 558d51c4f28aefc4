package hifi.engine.plan;

import hifi.engine.tensor.Storage;
import hifi.engine.tensor.Tensor;

/**
 * A buffer of the {@link DevicePlanner}'s simulated device: a size and where its values start out, no floats. A
 * <b>device</b> buffer is one the device allocated (activations, gradients, optimiser moments); a <b>host</b> buffer
 * stands for a heap array the device must receive before it can read it (weights loaded from a file), without the
 * memory: a BERT-base plan needs no 440 MB of weights.
 */
public final class PlannedStorage implements Storage {
    private final long size;
    private final boolean host;

    private PlannedStorage(long size, boolean host) {
        if (size < 0) throw new IllegalArgumentException("PlannedStorage: negative size " + size);
        this.size = size;
        this.host = host;
    }

    /** A buffer the device allocates. */
    public static PlannedStorage onDevice(long size) {
        return new PlannedStorage(size, false);
    }

    /** A host array of {@code size} floats, not materialised. */
    public static PlannedStorage onHost(long size) {
        return new PlannedStorage(size, true);
    }

    /** A contiguous tensor of {@code shape} over a new host buffer: a weight for a plan. */
    public static Tensor hostTensor(int... shape) {
        return Tensor.contiguous(onHost(Tensor.numel(shape)), shape);
    }

    /** True for a host array the device has to receive. */
    public boolean isHost() {
        return host;
    }

    @Override
    public long size() {
        return size;
    }
}
