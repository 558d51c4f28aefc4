package hifi.engine.backend;

import hifi.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void nestedScopesAreFramesThatKeepWhatTheyReturn() {
        ActivationPool pool = new ActivationPool();
        try (PassScope outer = pool.open()) {
            float[] temporary, kept;
            try (PassScope inner = pool.open()) {
                temporary = pool.allocate(new int[] {BIG}, false).data();
                Tensor result = pool.allocate(new int[] {BIG}, false);
                kept = result.data();
                inner.keep(result);
            }
            float[] next = pool.allocate(new int[] {BIG}, false).data();
            assertTrue(next == temporary, "the inner frame's temporary is reused within the pass");
            assertTrue(pool.allocate(new int[] {BIG}, false).data() != kept, "the kept array stays lent to the outer frame");
        }
        assertThrows(IllegalStateException.class, () -> {
            PassScope a = pool.open(), b = pool.open();
            a.close();
        }, "out-of-order close");
    }

    @Test
    void keptFromTheOutermostScopeLeavesThePool() {
        ActivationPool pool = new ActivationPool();
        Tensor survivor;
        try (PassScope s = pool.open()) {
            survivor = pool.allocate(new int[] {BIG}, false);
            survivor.fill(3f);
            s.keep(survivor);
        }
        try (PassScope s = pool.open()) {
            pool.allocate(new int[] {BIG}, true);
            assertTrue(survivor.get(0) == 3f, "not handed out again");
        }
    }

    @Test
    void arraysThePassDidNotUseAreDropped() {
        ActivationPool pool = new ActivationPool();
        float[] old;
        try (PassScope s = pool.open()) {
            old = pool.allocate(new int[] {BIG}, false).data();
        }
        try (PassScope s = pool.open()) {
            pool.allocate(new int[] {5 * BIG}, false); // uses nothing of the previous pass
        }
        try (PassScope s = pool.open()) {
            assertTrue(old != pool.allocate(new int[] {BIG}, false).data(), "dropped: the last pass did not use it");
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
