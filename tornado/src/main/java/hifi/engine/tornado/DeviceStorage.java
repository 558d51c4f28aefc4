package hifi.engine.tornado;

import hifi.engine.tensor.Storage;

/**
 * A tensor's floats in the device arena ({@link DeviceArena}), allocated inside a pass of {@link TornadoBackend}. The
 * device copy is the working copy; host code that asks for the floats ({@code Tensor.data()}, {@code get},
 * {@code toArray}) gets them copied back, and from then on the host copy counts as current (host code may write it),
 * so a later device op uploads it again. Using the tensor after its scope closed fails, unless the scope kept it: kept
 * by a nested scope, it moves down the arena into the enclosing one; kept by the outermost, it is <b>detached</b>: its
 * values move to the host for good and later ops treat it like a heap tensor.
 */
final class DeviceStorage implements Storage {
    /** Which side holds the current values. */
    enum Current { DEVICE, HOST, BOTH }

    private final TornadoBackend backend;
    private final int size;
    private int base;
    private Object scope;
    private float[] host;
    private Current current = Current.DEVICE;
    private boolean valid = true;
    private boolean detached;

    DeviceStorage(TornadoBackend backend, Object scope, int base, int size) {
        this.backend = backend;
        this.scope = scope;
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

    /** The scope (a frame of a pass) that owns this storage's arena region. */
    Object scope() {
        return scope;
    }

    int base() {
        return base;
    }

    boolean isDetached() {
        return detached;
    }

    /** Arena index of element 0, after an upload if the host holds the current values. Not for detached storage. */
    int onDevice(DeviceArena arena) {
        checkValid();
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
        checkValid();
        if (host == null) host = new float[size];
        if (current == Current.DEVICE && !detached) arena.download(base, size, host, 0);
        current = Current.HOST;
        return host;
    }

    /** Makes the host copy current without a download: the caller overwrites every element. */
    void overwrittenOnHost() {
        checkValid();
        if (host == null) host = new float[size];
        current = Current.HOST;
    }

    /** The region moved to {@code newBase} (its contents copied there), now owned by {@code newScope}. */
    void moved(int newBase, Object newScope) {
        base = newBase;
        scope = newScope;
    }

    /** Brings the values to the host for good: the arena region is about to be freed. */
    void detach(DeviceArena arena) {
        onHost(arena);
        detached = true;
        scope = null;
    }

    /** The arena region is freed: any later use fails. */
    void invalidate() {
        valid = false;
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("a device tensor of " + size + " floats was used after its pass (Backend.openPass) closed");
        }
    }
}
