package hifi.engine.kernels;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fixed lane order of {@link VectorRows}' reductions, which makes them reproducible. */
class VectorRowsTest {
    @Test
    void lanesAreCombinedInLaneOrder() {
        // In lane order: ((1e8 + 1) − 1e8) + 1 = 0 + 1 = 1 (the first 1 is absorbed); a pairwise tree would give 2.
        float[] lanes = {1e8f, 1f, -1e8f, 1f};
        assertEquals(1f, VectorRows.sumInOrder(lanes), 0f);
    }

    @Test
    void sumOfARowWithATailAddsEveryElementOnce() {
        float[] a = new float[37 + 5];
        for (int i = 0; i < a.length; i++) a[i] = i < 5 ? 1000f : 1f;  // 5 leading elements outside the row
        assertEquals(37f, VectorRows.sum(FloatVector.SPECIES_512, a, 5, 37), 0f);
        assertEquals(37f, VectorRows.sum(FloatVector.SPECIES_128, a, 5, 37), 0f);
        assertEquals(1f, VectorRows.max(FloatVector.SPECIES_256, a, 5, 37), 0f);
    }
}
