package hifi.engine.backend;

import hifi.engine.tensor.HeapStorage;
import hifi.engine.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recycles the heap arrays of a pass's activations. A BERT-base training step allocates about a gigabyte of
 * activations and gradients of activations; allocating them afresh every step costs the zeroing, page faults and
 * collector cycles (G1 treats each multi-megabyte array as a humongous object). Inside a {@link PassScope} every
 * tensor is cut from a pooled array instead, and closing the scope returns the arrays for the next pass.
 *
 * <p>New arrays come in size classes, eight per power of two (at most 12.5 % more than asked for), and a request
 * takes the smallest free array that holds it if that is at most twice its size, so that batches padded to different
 * lengths share arrays.
 *
 * <p>Nested scopes are frames: closing one returns the arrays lent inside it at once (for the rest of the pass to
 * reuse), except those of tensors it {@linkplain PassScope#keep keeps}, which move to the enclosing frame. A layer's
 * backward is such a frame, so the pass holds the forward's activations plus one layer's temporaries, as a garbage
 * collector would. Closing the outermost scope keeps, for the next pass, exactly the arrays this pass used: the pool
 * never holds more than one pass's peak. State is per thread; outside a scope, and for small tensors, allocation is
 * plain {@link Tensor#zeros}.
 */
final class ActivationPool {
    /** Smaller arrays are cheaper to allocate than to pool. */
    static final int MIN_POOLED = 1 << 12;

    private final ThreadLocal<PerThread> perThread = ThreadLocal.withInitial(PerThread::new);

    private static final class PerThread {
        /** Arrays lent and still live, per open frame (innermost last). */
        final ArrayDeque<List<float[]>> frames = new ArrayDeque<>();
        /** Arrays returned during this pass, free for reuse. */
        TreeMap<Integer, ArrayDeque<float[]>> free = new TreeMap<>();
        /** Arrays left from the previous pass: reused if a request fits, dropped at the end of this pass otherwise. */
        TreeMap<Integer, ArrayDeque<float[]>> stale = new TreeMap<>();

        float[] take(int n) {
            float[] a = take(free, n);
            return a != null ? a : take(stale, n);
        }

        /** The smallest array of at least {@code n} and at most {@code 2n} floats, or {@code null}. */
        private static float[] take(TreeMap<Integer, ArrayDeque<float[]>> arrays, int n) {
            Map.Entry<Integer, ArrayDeque<float[]>> e = arrays.ceilingEntry(n);
            if (e == null || e.getKey() > 2L * n) return null;
            float[] a = e.getValue().poll();
            if (e.getValue().isEmpty()) arrays.remove(e.getKey());
            return a;
        }

        void giveBack(List<float[]> arrays) {
            for (float[] a : arrays) free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
        }
    }

    /** A tensor of {@code shape}: zero-filled when {@code zeroed}, otherwise with unspecified contents. */
    Tensor allocate(int[] shape, boolean zeroed) {
        long n = Tensor.numel(shape);
        PerThread t = perThread.get();
        if (t.frames.isEmpty() || n < MIN_POOLED || n > Integer.MAX_VALUE - 16) return Tensor.zeros(shape);
        float[] a = t.take((int) n);
        if (a == null) {
            a = new float[sizeClass((int) n)];
        } else if (zeroed) {
            Arrays.fill(a, 0, (int) n, 0f);
        }
        t.frames.peekLast().add(a);
        return Tensor.ofPrefix(a, shape);
    }

    PassScope open() {
        PerThread t = perThread.get();
        if (t.frames.isEmpty()) {
            t.stale = t.free;
            t.free = new TreeMap<>();
        }
        List<float[]> frame = new ArrayList<>();
        t.frames.addLast(frame);
        return new PassScope() {
            private boolean closed;

            @Override
            public void keep(Tensor tensor) {
                if (closed || !(tensor.storage() instanceof HeapStorage h)) return;
                for (int i = frame.size() - 1; i >= 0; i--) {
                    if (frame.get(i) == h.array()) {
                        frame.remove(i);
                        // To the enclosing frame; from an outermost scope the array simply leaves the pool.
                        if (t.frames.peekFirst() != frame) parentOf(frame).add(h.array());
                        return;
                    }
                }
            }

            private List<float[]> parentOf(List<float[]> f) {
                var it = t.frames.descendingIterator();
                while (it.hasNext()) if (it.next() == f) return it.next();
                throw new IllegalStateException("PassScope: frame not open");
            }

            @Override
            public void close() {
                if (closed) return;
                if (t.frames.peekLast() != frame) throw new IllegalStateException("PassScope: scopes must close innermost first");
                closed = true;
                t.frames.removeLast();
                t.giveBack(frame);
                if (t.frames.isEmpty()) t.stale = new TreeMap<>(); // what this pass did not use is dropped
            }
        };
    }
    /** The smallest {@code m · 2^s ≥ n} with {@code 8 ≤ m ≤ 16}: at most 12.5 % above {@code n}. */
    static int sizeClass(int n) {
        if (n <= 16) return n;
        int s = Math.max(0, 31 - Integer.numberOfLeadingZeros(n) - 3);
        long c = ((n + (1L << s) - 1) >> s) << s;
        return c > Integer.MAX_VALUE - 16 ? n : (int) c;
    }
}
