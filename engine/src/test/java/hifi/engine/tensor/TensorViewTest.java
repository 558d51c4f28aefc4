package hifi.engine.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Views share storage and address elements by offset + Σ index·stride. The oracle is the closed form of row-major
 * storage: in a contiguous {@code [2, 3, 4]} tensor filled with {@code 0, 1, 2, ...}, element {@code (i, j, k)} holds
 * {@code 12i + 4j + k}.
 */
class TensorViewTest {
    private static Tensor iota(int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = i;
        return t;
    }

    @Test
    void narrowSelectsARangeWithoutCopying() {
        Tensor t = iota(2, 3, 4);
        Tensor n = t.narrow(1, 1, 2);
        assertArrayEquals(new int[] {2, 2, 4}, n.shape());
        assertSame(t.storage(), n.storage());
        assertEquals(12 + 4 * 2 + 3, n.get(1, 1, 3));
        assertFalse(n.isContiguous());
        n.set(-1f, 0, 0, 0);
        assertEquals(-1f, t.get(0, 1, 0), "writes through the view reach the parent");
    }

    @Test
    void colsIsAHeadSliceWithTheParentsRowStride() {
        Tensor t = iota(5, 12);
        Tensor head = t.cols(4, 4);
        assertArrayEquals(new int[] {5, 4}, head.shape());
        assertArrayEquals(new int[] {12, 1}, head.strides());
        assertEquals(4, head.offset());
        for (int r = 0; r < 5; r++) for (int c = 0; c < 4; c++) assertEquals(12 * r + 4 + c, head.get(r, c));
        assertArrayEquals(new float[] {16, 17, 18, 19}, t.rows(1, 1).cols(4, 4).toArray());
    }

    @Test
    void selectDropsADimension() {
        Tensor t = iota(2, 3, 4);
        Tensor s = t.select(1, 2);
        assertArrayEquals(new int[] {2, 4}, s.shape());
        assertArrayEquals(new float[] {8, 9, 10, 11, 20, 21, 22, 23}, s.toArray());
        assertArrayEquals(new float[] {12, 13, 14, 15}, t.select(0, 1).select(0, 0).toArray());
    }

    @Test
    void permuteReordersDimensions() {
        Tensor t = iota(2, 3, 4);
        Tensor p = t.permute(1, 0, 2);
        assertArrayEquals(new int[] {3, 2, 4}, p.shape());
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) {
            assertEquals(12 * i + 4 * j + k, p.get(j, i, k));
        }
        Tensor transposed = iota(2, 3).permute(1, 0);
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, transposed.toArray());
        assertTrue(transposed.permute(1, 0).isContiguous());
    }

    @Test
    void copyFromWritesOnlyTheViewsElements() {
        Tensor dst = Tensor.zeros(3, 6);
        Tensor src = iota(2, 3, 2).permute(1, 0, 2).select(2, 1);  // [3, 2]: src[j][i] = 6i + 2j + 1
        dst.cols(2, 2).copyFrom(src);
        float[] expected = new float[18];
        for (int j = 0; j < 3; j++) for (int i = 0; i < 2; i++) expected[6 * j + 2 + i] = 6 * i + 2 * j + 1;
        assertArrayEquals(expected, dst.toArray());
    }

    @Test
    void viewReshapesOnlyContiguousTensors() {
        Tensor t = iota(2, 6);
        assertEquals(7f, t.view(3, 4).get(1, 3));
        ShapeException e = assertThrows(ShapeException.class, () -> t.cols(0, 3).view(6));
        assertTrue(e.getMessage().contains("Tensor.view") && e.getMessage().contains("not contiguous"), e.getMessage());
        ShapeException count = assertThrows(ShapeException.class, () -> t.view(5));
        assertTrue(count.getMessage().contains("[2, 6]") && count.getMessage().contains("[5]"), count.getMessage());
    }

    @Test
    void outOfRangeViewsNameTheShape() {
        Tensor t = iota(2, 3);
        assertTrue(assertThrows(ShapeException.class, () -> t.narrow(1, 2, 2)).getMessage().contains("[2, 3]"));
        assertTrue(assertThrows(ShapeException.class, () -> t.select(0, 2)).getMessage().contains("[2, 3]"));
        assertTrue(assertThrows(ShapeException.class, () -> t.permute(0, 0)).getMessage().contains("not a permutation"));
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
        assertTrue(assertThrows(ShapeException.class, () -> t.copyFrom(Tensor.zeros(3, 2))).getMessage().contains("[3, 2]"));
    }
}
