package hifi.engine.tornado;

import hifi.engine.backend.ResidentSet;
import hifi.engine.tensor.HeapStorage;
import hifi.engine.tensor.Tensor;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ResidentSet} of the TornadoVM backend: the heap arrays of a training run's weights, gradients and moments,
 * each with a region of its own at the top of the device arena for as long as the set is open. An array goes up the
 * first time a device op reads it (and again only after host code wrote it); a device op that writes it leaves the
 * device copy as the only current one until {@link #synchronize()} or a host op brings it back.
 */
final class PinnedArrays implements ResidentSet {
    /** Which side holds the current values. */
    private enum State { HOST, BOTH, DEVICE }

    private static final class Pin {
        final int base;
        State state = State.HOST;

        Pin(int base) {
            this.base = base;
        }
    }

    private final TornadoBackend backend;
    private final DeviceArena arena;
    private final int mark;
    private final Map<float[], Pin> pins = new IdentityHashMap<>();
    private boolean closed;

    /** Reserves a region for the heap array behind each of {@code tensors} (device tensors and repeats are skipped). */
    PinnedArrays(TornadoBackend backend, DeviceArena arena, List<Tensor> tensors) {
        this.backend = backend;
        this.arena = arena;
        this.mark = arena.highMark();
        for (Tensor t : tensors) {
            if (t.storage() instanceof HeapStorage h && !pins.containsKey(h.array())) pins.put(h.array(), new Pin(arena.allocateHigh(h.array().length)));
        }
    }

    /** True if {@code array} is in the set. */
    boolean contains(float[] array) {
        return pins.containsKey(array);
    }

    /** Arena index of element 0 of {@code array}, its current values on the device; {@code -1} if it is not in the set. */
    int read(float[] array) {
        Pin p = pins.get(array);
        if (p == null) return -1;
        if (p.state == State.HOST) {
            arena.upload(array, 0, array.length, p.base);
            p.state = State.BOTH;
        }
        return p.base;
    }

    /** As {@link #read}, for a device op that writes {@code array}: the device copy becomes the only current one. */
    int write(float[] array) {
        int base = read(array);
        if (base >= 0) pins.get(array).state = State.DEVICE;
        return base;
    }

    /** Before host code reads ({@code writes = false}) or writes {@code array}: device values come back first. */
    void hostUses(float[] array, boolean writes) {
        Pin p = pins.get(array);
        if (p == null) return;
        if (p.state == State.DEVICE) {
            arena.download(p.base, array.length, array, 0);
            p.state = State.BOTH;
        }
        if (writes) p.state = State.HOST;
    }

    @Override
    public void synchronize() {
        synchronized (backend) {
            for (Map.Entry<float[], Pin> e : pins.entrySet()) {
                if (e.getValue().state == State.DEVICE) hostUses(e.getKey(), false);
            }
        }
    }

    @Override
    public void close() {
        synchronized (backend) {
            if (closed) return;
            synchronize();
            closed = true;
            arena.releaseHigh(mark);
            backend.released(this);
        }
    }
}
