package hifi.engine.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchTest {

    @Test
    void padsToTheLongestSequence() {
        Batch b = Batch.pad(new int[][] {{5, 6, 7}, {8}}, new int[][] {{0, 1, 1}, {0}}, 0, new int[] {1, 0}, null);
        assertEquals(2, b.batch());
        assertEquals(3, b.seqLen());
        assertArrayEquals(new int[] {5, 6, 7, 8, 0, 0}, b.ids());
        assertArrayEquals(new int[] {0, 1, 1, 0, 0, 0}, b.tokenTypes());
        assertArrayEquals(new int[] {1, 1, 1, 1, 0, 0}, b.attentionMask());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, b.positionIds());
        assertArrayEquals(new float[] {0, 0, 0, 0, -Float.MAX_VALUE, -Float.MAX_VALUE}, b.additiveMask().toArray());
    }

    @Test
    void rejectsInconsistentInput() {
        assertThrows(IllegalArgumentException.class, () -> Batch.pad(new int[][] {{5, 6}}, new int[][] {{0}}, 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> Batch.pad(new int[][] {{5}}, null, 0, new int[] {1, 2}, null));
        assertThrows(IllegalArgumentException.class, () -> Batch.pad(new int[][] {{5}}, null, 0, new int[] {1}, new float[] {1f}));
        assertThrows(IllegalArgumentException.class, () -> new Batch(new int[3], new int[4], new int[4], 2, 2, null, null));
    }

    @Test
    void collatePadsToTheLongestSequenceOfTheBatch() {
        List<TrainingExample> ex = List.of(TrainingExample.classification(new int[] {1, 5, 6}, null, 1),
                TrainingExample.classification(new int[] {1, 7}, new int[] {0, 1}, 0));
        Batch b = Batch.collate(ex, new int[] {1, 0}, 0, false);
        assertEquals(3, b.seqLen());
        assertArrayEquals(new int[] {1, 7, 0, 1, 5, 6}, b.ids());
        assertArrayEquals(new int[] {0, 1, 0, 0, 0, 0}, b.tokenTypes());
        assertArrayEquals(new int[] {1, 1, 0, 1, 1, 1}, b.attentionMask());
        assertArrayEquals(new int[] {0, 1}, b.labels());
    }
}
