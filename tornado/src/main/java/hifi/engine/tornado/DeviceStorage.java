package hifi.engine.tornado;

import hifi.engine.tensor.Storage;

/**
 * A tensor's floats in the device arena ({@link DeviceArena}), allocated inside a pass of {@link TornadoBackend}. The
 * device copy is the working copy; host code that asks for the floats ({@code Tensor.data()}, {@code get},
 * {@code toArray}) gets them copied back, and from then on the host copy counts as current (host code may write it),
 * so a later device op uploads it again. Using the tensor after its pass has closed fails.
 */
final class DeviceStorage implements Storage {
    /** Which side holds the current values. */
    enum Current { DEVICE, HOST, BOTH }

    private final TornadoBackend backend;
    private final Residency pass;
    private final int base;
    private final int size;
    private float[] host;
    private Current current = Current.DEVICE;

    DeviceStorage(TornadoBackend backend, Residency pass, int base, int size) {
        this.backend = backend;
        this.pass = pass;
        this.base = base;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    /** The floats on the host, copied back from the device if the device holds the current ones. */
    @Override
    public float[] hostArray() {
        return backend.toHost(this);
    }

    /** Arena index of element 0, after an upload if the host holds the current values. Called by the backend only. */
    int onDevice(DeviceArena arena) {
        checkOpen();
        if (current == Current.HOST) {
            arena.upload(host, 0, size, base);
            current = Current.BOTH;
        }
        return base;
    }

    /** Marks the device copy as the only current one (a device op wrote it). */
    void writtenOnDevice() {
        current = Current.DEVICE;
    }

    /** The host copy, made current (downloaded if needed); the host copy counts as current from now on. */
    float[] onHost(DeviceArena arena) {
        checkOpen();
        if (host == null) host = new float[size];
        if (current == Current.DEVICE) arena.download(base, size, host, 0);
        current = Current.HOST;
        return host;
    }

    /** Makes the host copy current without a download: the caller overwrites every element. */
    void overwrittenOnHost() {
        checkOpen();
        if (host == null) host = new float[size];
        current = Current.HOST;
    }

    private void checkOpen() {
        if (pass.isClosed()) {
            throw new IllegalStateException("a device tensor of " + size + " floats was used after its pass (Backend.openPass) closed");
        }
    }
}
