package hifi.engine.train;

import hifi.engine.data.TrainingExample;
import hifi.engine.testing.SyntheticTask;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchPlanTest {
    final List<TrainingExample> data = SyntheticTask.examples(237, 4);

    @Test
    void everyEpochIsASeededPermutation() {
        BatchPlan plan = BatchPlan.of(data, 10, 7, false);
        assertEquals(24, plan.batchesPerEpoch());
        int[][] e0 = plan.epoch(0);
        assertEquals(7, e0[23].length, "last batch holds the remainder");
        assertTrue(isPermutation(e0, data.size()));
        assertTrue(Arrays.deepEquals(e0, BatchPlan.of(data, 10, 7, false).epoch(0)), "same seed, same order");
        assertFalse(Arrays.deepEquals(e0, plan.epoch(1)), "another epoch, another order");
        assertFalse(Arrays.deepEquals(e0, BatchPlan.of(data, 10, 8, false).epoch(0)), "another seed, another order");
    }

    @Test
    void lengthGroupingSortsEachMegaBatchByDecreasingLength() {
        BatchPlan plan = BatchPlan.of(data, 2, 7, true); // mega-batches of 100 examples
        int[][] batches = plan.epoch(3);
        assertTrue(isPermutation(batches, data.size()));
        int[] flat = Arrays.stream(batches).flatMapToInt(Arrays::stream).toArray();
        for (int i = 1; i < flat.length; i++) {
            if (i % 100 == 0) continue; // a new mega-batch starts
            assertTrue(data.get(flat[i - 1]).length() >= data.get(flat[i]).length(), "position " + i);
        }
    }

    private static boolean isPermutation(int[][] batches, int n) {
        int[] flat = Arrays.stream(batches).flatMapToInt(Arrays::stream).sorted().toArray();
        if (flat.length != n) return false;
        for (int i = 0; i < n; i++) if (flat[i] != i) return false;
        return true;
    }
}
