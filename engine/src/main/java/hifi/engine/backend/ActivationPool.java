package hifi.engine.backend;

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
 * lengths share arrays. After each pass the pool keeps exactly the arrays that pass used: it never holds more than one
 * pass's peak. State is per thread; outside a scope, and for small tensors, allocation is plain {@link Tensor#zeros}.
 */
final class ActivationPool {
    /** Smaller arrays are cheaper to allocate than to pool. */
    static final int MIN_POOLED = 1 << 12;

    private final ThreadLocal<PerThread> perThread = ThreadLocal.withInitial(PerThread::new);

    private static final class PerThread {
        int depth;
        TreeMap<Integer, ArrayDeque<float[]>> free = new TreeMap<>();
        final List<float[]> lent = new ArrayList<>();

        /** The smallest free array of at least {@code n} and at most {@code 2n} floats, or {@code null}. */
        float[] take(int n) {
            Map.Entry<Integer, ArrayDeque<float[]>> e = free.ceilingEntry(n);
            if (e == null || e.getKey() > 2L * n) return null;
            float[] a = e.getValue().poll();
            if (e.getValue().isEmpty()) free.remove(e.getKey());
            return a;
        }
    }

    /** A tensor of {@code shape}: zero-filled when {@code zeroed}, otherwise with unspecified contents. */
    Tensor allocate(int[] shape, boolean zeroed) {
        long n = Tensor.numel(shape);
        PerThread t = perThread.get();
        if (t.depth == 0 || n < MIN_POOLED || n > Integer.MAX_VALUE - 16) return Tensor.zeros(shape);
        float[] a = t.take((int) n);
        if (a == null) {
            a = new float[sizeClass((int) n)];
        } else if (zeroed) {
            Arrays.fill(a, 0, (int) n, 0f);
        }
        t.lent.add(a);
        return Tensor.ofPrefix(a, shape);
    }

    PassScope open() {
        PerThread t = perThread.get();
        t.depth++;
        return new PassScope() {
            private boolean closed;

            @Override
            public void close() {
                if (closed) return;
                closed = true;
                if (--t.depth > 0) return;
                TreeMap<Integer, ArrayDeque<float[]>> next = new TreeMap<>();
                for (float[] a : t.lent) next.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
                t.lent.clear();
                t.free = next;
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
