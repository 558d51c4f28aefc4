package hifi.method.select;

import hifi.method.scoring.HeadId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SelectionConfigTest {
    private static final double[][] SCORES = {{0.1, 0.5, 0.2}, {0.5, 0.05, 0.3}, {0.2, 0.6, 0.7}};

    @Test
    void defaultPicksTheTopHeadOfEachLayer() {
        assertFalse(SelectionConfig.defaults().lowest());
        assertEquals(List.of(new HeadId(0, 1), new HeadId(1, 0), new HeadId(2, 2)), SelectionConfig.defaults().pick(SCORES));
    }

    @Test
    void lowestPicksTheArgminOfEachLayer() {
        assertEquals(List.of(new HeadId(0, 0), new HeadId(1, 1), new HeadId(2, 0)), SelectionConfig.defaults().withLowest(true).pick(SCORES));
    }

    @Test
    void globalSelectionSpendsKTimesLayersOverall() {
        // k = 1, 3 layers: the 3 largest of all 9 scores are 0.7 (L2H2), 0.6 (L2H1), then 0.5 tied L0H1/L1H0 → L0H1
        assertEquals(List.of(new HeadId(0, 1), new HeadId(2, 1), new HeadId(2, 2)),
                SelectionConfig.defaults().withGlobalSelection(true).pick(SCORES));
        // lowest 3 overall: 0.05 (L1H1), 0.1 (L0H0), 0.2 tied L0H2/L2H0 → L0H2
        assertEquals(List.of(new HeadId(0, 0), new HeadId(0, 2), new HeadId(1, 1)),
                SelectionConfig.defaults().withGlobalSelection(true).withLowest(true).pick(SCORES));
    }
}
