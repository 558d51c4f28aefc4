package hifi.engine.tornado;

import hifi.engine.tensor.HeapStorage;
import hifi.engine.tensor.Storage;
import hifi.engine.tensor.Tensor;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What lives in the device arena during one pass (or, outside a pass, during one op): the tensors allocated in it and
 * a device mirror of every heap array an op touched (weights, parameter gradients, tensors allocated outside the
 * pass). A mirror is uploaded on first use; an op that writes a heap array marks its mirror dirty, and closing copies
 * dirty mirrors back to the heap and frees the arena up to where the pass began.
 */
final class Residency implements AutoCloseable {
    private static final class Mirror {
        final int base;
        boolean dirty;

        Mirror(int base) {
            this.base = base;
        }
    }

    private final DeviceArena arena;
    private final int mark;
    private final Map<float[], Mirror> mirrors = new IdentityHashMap<>();
    private boolean closed;

    Residency(DeviceArena arena) {
        this.arena = arena;
        this.mark = arena.mark();
    }

    boolean isClosed() {
        return closed;
    }

    /** Arena index of element 0 of {@code t}'s storage, its current values on the device: for an op that reads it. */
    int read(Tensor t) {
        Storage s = t.storage();
        if (s instanceof DeviceStorage d) return d.onDevice(arena);
        return mirror(heap(s)).base;
    }

    /** As {@link #read}, for an op that writes {@code t} (its device copy becomes the current one). */
    int write(Tensor t) {
        Storage s = t.storage();
        if (s instanceof DeviceStorage d) {
            int base = d.onDevice(arena);
            d.writtenOnDevice();
            return base;
        }
        Mirror m = mirror(heap(s));
        m.dirty = true;
        return m.base;
    }

    /**
     * Before host code reads ({@code writes = false}) or writes a heap array: a dirty mirror is copied back first, and a
     * host write drops the mirror (the next device op uploads the array again).
     */
    void hostUses(float[] array, boolean writes) {
        Mirror m = mirrors.get(array);
        if (m == null) return;
        if (m.dirty) {
            arena.download(m.base, array.length, array, 0);
            m.dirty = false;
        }
        if (writes) mirrors.remove(array);
    }

    private Mirror mirror(float[] array) {
        Mirror m = mirrors.get(array);
        if (m == null) {
            m = new Mirror(arena.allocate(array.length));
            arena.upload(array, 0, array.length, m.base);
            mirrors.put(array, m);
        }
        return m;
    }

    private static float[] heap(Storage s) {
        if (s instanceof HeapStorage h) return h.array();
        throw new IllegalArgumentException("TornadoBackend: cannot use a tensor over " + s.getClass().getSimpleName());
    }

    /** Copies dirty mirrors back to the heap, frees this residency's arena space; its device tensors become invalid. */
    @Override
    public void close() {
        if (closed) return;
        for (Map.Entry<float[], Mirror> e : mirrors.entrySet()) {
            if (e.getValue().dirty) arena.download(e.getValue().base, e.getKey().length, e.getKey(), 0);
        }
        mirrors.clear();
        arena.release(mark);
        closed = true;
    }
}
