package hifi.engine.backend;

import hifi.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recycling rules of {@link ActivationPool}: size classes, reuse across passes, zeroing, nesting, threads. */
class ActivationPoolTest {
    private static final int BIG = 3 * ActivationPool.MIN_POOLED + 5;

    @Test
    void sizeClassesCoverTheRequestWithAtMostAnEighthMore() {
        int previous = 0;
        for (int n = 1; n < 5_000_000; n += 1 + n / 7) {
            int c = ActivationPool.sizeClass(n);
            assertTrue(c >= n && c <= n + n / 8 + 1, n + " → " + c);
            assertTrue(c >= previous, "monotonic at " + n);
            assertEquals(c, ActivationPool.sizeClass(c), "a class is its own class: " + c);
            previous = c;
        }
    }

    @Test
    void arraysComeBackInTheNextPassAndZeroedWhenAskedFor() {
        ActivationPool pool = new ActivationPool();
        float[] first;
        try (PassScope s = pool.open()) {
            Tensor t = pool.allocate(new int[] {BIG}, true);
            first = t.data();
            t.fill(7f);
        }
        try (PassScope s = pool.open()) {
            Tensor zeroed = pool.allocate(new int[] {BIG - 3}, true); // same size class
            assertTrue(first == zeroed.data(), "recycled");
            for (float v : zeroed.toArray()) assertEquals(0f, v);
            Tensor other = pool.allocate(new int[] {BIG}, false);
            assertTrue(first != other.data(), "one array per live tensor");
        }
        int c = first.length; // both arrays of the last pass have this capacity
        try (PassScope s = pool.open()) {
            assertTrue(pool.allocate(new int[] {c / 2 - 1}, false).data().length < c, "more than twice the size: not taken");
            assertEquals(c, pool.allocate(new int[] {c / 2 + 1}, false).data().length, "up to twice the size: taken");
        }
    }

    @Test
    void outsideAPassAndForSmallTensorsNothingIsPooled() {
        ActivationPool pool = new ActivationPool();
        Tensor a = pool.allocate(new int[] {BIG}, false), b = pool.allocate(new int[] {BIG}, false);
        assertTrue(a.data() != b.data());
        assertEquals(BIG, a.data().length, "plain allocation outside a pass");
        try (PassScope s = pool.open()) {
            assertEquals(10, pool.allocate(new int[] {2, 5}, false).data().length);
        }
    }

    @Test
    void onlyTheOutermostCloseRecyclesAndUnusedArraysAreDropped() {
        ActivationPool pool = new ActivationPool();
        float[] kept;
        try (PassScope outer = pool.open()) {
            try (PassScope inner = pool.open()) {
                kept = pool.allocate(new int[] {BIG}, false).data();
            }
            assertTrue(kept != pool.allocate(new int[] {BIG}, false).data(), "still lent after the inner close");
        }
        try (PassScope s = pool.open()) {
            pool.allocate(new int[] {5 * BIG}, false); // uses nothing of the previous pass
        }
        try (PassScope s = pool.open()) {
            assertTrue(kept != pool.allocate(new int[] {BIG}, false).data(), "dropped: the last pass did not use it");
        }
    }

    @Test
    void threadsHaveTheirOwnPasses() throws Exception {
        ActivationPool pool = new ActivationPool();
        AtomicReference<float[]> other = new AtomicReference<>();
        try (PassScope s = pool.open()) {
            Thread t = new Thread(() -> other.set(pool.allocate(new int[] {BIG}, false).data()));
            t.start();
            t.join();
            assertEquals(BIG, other.get().length, "no pass open on the other thread: plain allocation");
        }
    }
}
