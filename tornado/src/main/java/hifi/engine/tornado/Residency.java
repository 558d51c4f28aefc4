package hifi.engine.tornado;

import hifi.engine.tensor.HeapStorage;
import hifi.engine.tensor.Storage;
import hifi.engine.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What lives in the device arena during one pass (or, outside a pass, during one op), as a stack of frames (nested
 * {@code PassScope}s): the tensors allocated in each frame, and a device mirror of every heap array an op touched
 * (weights, parameter gradients, tensors allocated outside the pass), uploaded on first use and owned by the frame
 * that was innermost then. An op that writes a heap array marks its mirror dirty. Closing a frame copies its dirty
 * mirrors back to the heap, frees its arena space, and moves the tensors it keeps down to where the frame began (or,
 * from the outermost frame, to the host). Heap arrays of the backend's open resident set ({@link PinnedArrays}) are
 * not mirrored per frame: they use their own regions, which outlive the pass.
 */
final class Residency implements AutoCloseable {
    /** One open scope: where its arena space begins and what it allocated. */
    static final class Frame {
        final int mark;
        final int level;
        final List<DeviceStorage> allocated = new ArrayList<>();

        Frame(int mark, int level) {
            this.mark = mark;
            this.level = level;
        }
    }

    private static final class Mirror {
        final int base;
        final int level;
        boolean dirty;

        Mirror(int base, int level) {
            this.base = base;
            this.level = level;
        }
    }

    private final DeviceArena arena;
    private final PinnedArrays pinned;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final Map<float[], Mirror> mirrors = new IdentityHashMap<>();

    /** A residency with its outermost frame open; heap arrays in {@code pinned} (may be {@code null}) use their regions. */
    Residency(DeviceArena arena, PinnedArrays pinned) {
        this.arena = arena;
        this.pinned = pinned;
        openFrame();
    }

    /** Opens a nested frame. */
    Frame openFrame() {
        Frame f = new Frame(arena.mark(), frames.size() + 1);
        frames.addLast(f);
        return f;
    }

    /** The innermost open frame. */
    Frame currentFrame() {
        return frames.getLast();
    }

    /** True once the outermost frame has closed. */
    boolean isClosed() {
        return frames.isEmpty();
    }

    /** A tensor's storage of {@code n} floats in the innermost frame, contents unspecified. */
    DeviceStorage allocate(TornadoBackend backend, long n) {
        Frame f = frames.getLast();
        DeviceStorage s = new DeviceStorage(backend, f, arena.allocate(n), (int) n);
        f.allocated.add(s);
        return s;
    }

    /** Arena index of element 0 of {@code t}'s storage, its current values on the device: for an op that reads it. */
    int read(Tensor t) {
        Storage s = t.storage();
        if (s instanceof DeviceStorage d && !d.isDetached()) return d.onDevice(arena);
        float[] array = hostArray(s);
        int base = pinned == null ? -1 : pinned.read(array);
        return base >= 0 ? base : mirror(array).base;
    }

    /** As {@link #read}, for an op that writes {@code t} (its device copy becomes the current one). */
    int write(Tensor t) {
        Storage s = t.storage();
        if (s instanceof DeviceStorage d && !d.isDetached()) {
            int base = d.onDevice(arena);
            d.writtenOnDevice();
            return base;
        }
        float[] array = hostArray(s);
        int base = pinned == null ? -1 : pinned.write(array);
        if (base >= 0) return base;
        Mirror m = mirror(array);
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
            m = new Mirror(arena.allocate(array.length), frames.size());
            arena.upload(array, 0, array.length, m.base);
            mirrors.put(array, m);
        }
        return m;
    }

    private static float[] hostArray(Storage s) {
        if (s instanceof HeapStorage h) return h.array();
        if (s instanceof DeviceStorage d) return d.hostArray();   // detached: its values live on the host now
        throw new IllegalArgumentException("TornadoBackend: cannot use a tensor over " + s.getClass().getSimpleName());
    }

    /**
     * Closes {@code frame}, which must be the innermost: its dirty mirrors go back to the heap, its tensors become
     * invalid except those in {@code kept} that it allocated, which move to the enclosing frame (to the start of this
     * frame's space, so that all of the rest is freed) or, from the outermost frame, to the host.
     */
    void closeFrame(Frame frame, List<DeviceStorage> kept) {
        if (frames.peekLast() != frame) throw new IllegalStateException("PassScope: scopes must close innermost first");
        frames.removeLast();
        for (Iterator<Map.Entry<float[], Mirror>> it = mirrors.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<float[], Mirror> e = it.next();
            if (e.getValue().level < frame.level) continue;
            if (e.getValue().dirty) arena.download(e.getValue().base, e.getKey().length, e.getKey(), 0);
            it.remove();
        }
        List<DeviceStorage> moving = new ArrayList<>();
        for (DeviceStorage s : kept) {
            if (s.scope() == frame && !moving.contains(s)) moving.add(s);
        }
        for (DeviceStorage s : frame.allocated) {
            if (!moving.contains(s)) s.invalidate();
        }
        if (frames.isEmpty()) {
            for (DeviceStorage s : moving) s.detach(arena);
            arena.release(frame.mark);
        } else {
            moveDown(frame, moving, frames.getLast());
        }
    }

    /** Copies {@code moving} to the start of {@code frame}'s space (through a temporary above it) and frees the rest. */
    private void moveDown(Frame frame, List<DeviceStorage> moving, Frame parent) {
        long total = 0;
        for (DeviceStorage s : moving) total += s.size();
        if (moving.size() == 1 && moving.get(0).base() == frame.mark) {
            arena.release(frame.mark + (int) total);
        } else if (!moving.isEmpty()) {
            int temp = arena.allocate(total);
            int at = temp;
            for (DeviceStorage s : moving) {
                arena.copy(s.base(), at, (int) s.size());
                at += (int) s.size();
            }
            arena.release(frame.mark);
            int to = arena.allocate(total);
            at = temp;
            for (DeviceStorage s : moving) {
                arena.copy(at, to, (int) s.size());
                s.moved(to, parent);
                at += (int) s.size();
                to += (int) s.size();
            }
        } else {
            arena.release(frame.mark);
        }
        for (DeviceStorage s : moving) {
            s.moved(s.base(), parent);
            parent.allocated.add(s);
        }
    }

    /** Closes every frame still open, innermost first (an op's own residency has just the one). */
    @Override
    public void close() {
        while (!frames.isEmpty()) closeFrame(frames.getLast(), List.of());
    }
}
