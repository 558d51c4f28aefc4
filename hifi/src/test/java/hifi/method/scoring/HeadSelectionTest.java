package hifi.method.scoring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HeadSelectionTest {

    @Test
    void topKPerLayerPicksTheBestHeadsOfEachLayer() {
        double[][] scores = {{0.1, 0.5, 0.2, 0.2}, {0.4, 0.1, 0.3, 0.2}};
        assertEquals(List.of(new HeadId(0, 1), new HeadId(1, 0)), HeadSelection.topKPerLayer(scores, 1));
        assertEquals(List.of(new HeadId(0, 1), new HeadId(0, 2), new HeadId(1, 0), new HeadId(1, 2)), HeadSelection.topKPerLayer(scores, 2));
    }

    @Test
    void tiesGoToTheLowerHeadIndex() {
        double[][] scores = {{0.25, 0.25, 0.25, 0.25}, {0.1, 0.3, 0.3, 0.3}};
        assertEquals(List.of(new HeadId(0, 0), new HeadId(0, 1), new HeadId(1, 1), new HeadId(1, 2)), HeadSelection.topKPerLayer(scores, 2));
        assertArrayEquals(new int[] {1, 2, 3, 0}, HeadSelection.ranking(scores[1]));
        // the same answer on every call (no hash or scheduling dependence)
        for (int rep = 0; rep < 5; rep++) assertEquals(HeadSelection.topKPerLayer(scores, 3), HeadSelection.topKPerLayer(scores, 3));
    }

    @Test
    void globalBudgetRanksAcrossLayersWithTiesToTheLowerFlatIndex() {
        double[][] scores = {{0.1, 0.5, 0.2}, {0.5, 0.05, 0.3}};
        assertEquals(List.of(new HeadId(0, 1), new HeadId(1, 0)), HeadSelection.topGlobal(scores, 2));
        assertEquals(List.of(new HeadId(0, 1)), HeadSelection.topGlobal(scores, 1), "tie 0.5/0.5 goes to L0H1 (flat index 1 < 3)");
        assertEquals(List.of(new HeadId(0, 1), new HeadId(1, 0), new HeadId(1, 2)), HeadSelection.topGlobal(scores, 3));
    }

    @Test
    void lowestPicksTheArgminOfEachLayer() {
        // argmin per layer by hand: layer 0 → head 0 (0.1), layer 1 → head 1 (0.1), layer 2 → head 3 (0.05)
        double[][] scores = {{0.1, 0.5, 0.2, 0.2}, {0.4, 0.1, 0.3, 0.2}, {0.3, 0.3, 0.35, 0.05}};
        assertEquals(List.of(new HeadId(0, 0), new HeadId(1, 1), new HeadId(2, 3)), HeadSelection.perLayer(scores, 1, true));
        // k = 2: the two smallest; layer 0 ties 0.2/0.2 go to the lower index (head 2)
        assertEquals(List.of(new HeadId(0, 0), new HeadId(0, 2), new HeadId(1, 1), new HeadId(1, 3), new HeadId(2, 0), new HeadId(2, 3)),
                HeadSelection.perLayer(scores, 2, true));
        assertEquals(HeadSelection.topKPerLayer(scores, 2), HeadSelection.perLayer(scores, 2, false));
    }

    @Test
    void lowestGlobalBudgetTakesTheSmallestScoresOverall() {
        double[][] scores = {{0.1, 0.5, 0.2}, {0.5, 0.05, 0.3}};
        assertEquals(List.of(new HeadId(0, 0), new HeadId(1, 1)), HeadSelection.global(scores, 2, true));
    }

    @Test
    void rejectsBadArguments() {
        double[][] scores = {{0.1, 0.2}};
        assertThrows(IllegalArgumentException.class, () -> HeadSelection.topKPerLayer(scores, 3));
        assertThrows(IllegalArgumentException.class, () -> HeadSelection.topKPerLayer(scores, 0));
        assertThrows(IllegalArgumentException.class, () -> HeadSelection.topGlobal(scores, 3));
        assertThrows(IllegalArgumentException.class, () -> HeadSelection.ranking(new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> HeadSelection.topKPerLayer(new double[][] {{1, 2}, {1}}, 1));
    }
}
