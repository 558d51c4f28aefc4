package hifi.method.stability;

import hifi.method.scoring.HeadId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JaccardTest {

    @Test
    void handComputedOverlaps() {
        assertEquals(0.5, Jaccard.of(Set.of("a", "b", "c"), Set.of("b", "c", "d")), 0, "|{b,c}| / |{a,b,c,d}| = 2/4");
        assertEquals(1.0, Jaccard.of(Set.of(1, 2), List.of(2, 1, 2)), 0, "equal sets; a duplicate counts once");
        assertEquals(0.0, Jaccard.of(Set.of(1), Set.of(2)), 0, "disjoint");
        assertEquals(0.25, Jaccard.of(Set.of(1), Set.of(1, 2, 3, 4)), 0, "1/4");
        assertTrue(Double.isNaN(Jaccard.of(Set.of(), List.of())), "two empty sets: undefined");
    }

    @Test
    void selectedHeadsCompareByLayerAndHead() {
        // one head per layer in 3 layers, the same head in layers 0 and 2 only: |∩| = 2, |∪| = 4
        List<HeadId> a = List.of(new HeadId(0, 1), new HeadId(1, 2), new HeadId(2, 0));
        List<HeadId> b = List.of(new HeadId(0, 1), new HeadId(1, 3), new HeadId(2, 0));
        assertEquals(0.5, Jaccard.of(a, b), 0);
    }

    @Test
    void matrixIsSymmetricWithOnesOnTheDiagonal() {
        double[][] m = Jaccard.matrix(List.of(Set.of(1, 2), Set.of(2, 3), Set.of(4)));
        assertArrayEquals(new double[] {1, 1 / 3.0, 0}, m[0], 1e-15);
        assertArrayEquals(new double[] {1 / 3.0, 1, 0}, m[1], 1e-15);
        assertArrayEquals(new double[] {0, 0, 1}, m[2], 1e-15);
    }
}
