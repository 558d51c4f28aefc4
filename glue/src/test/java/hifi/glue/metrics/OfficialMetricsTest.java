package hifi.glue.metrics;

import hifi.glue.tasks.Example;
import hifi.glue.tasks.GlueTask;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class OfficialMetricsTest {
    private static final int[] PRED = {1, 1, 0, 0, 1};
    private static final int[] GOLD = {1, 0, 0, 1, 1};

    @Test
    void mrpcScoreIsMeanOfF1AndAccuracy() {
        TaskScores s = OfficialMetrics.ofClasses(GlueTask.MRPC, "dev", PRED, GOLD);
        assertEquals(List.of("f1", "accuracy"), List.copyOf(s.metrics().keySet()));
        assertEquals((2.0 / 3 + 3.0 / 5) / 2, s.score(), 1e-15);
        assertEquals(1.0 / 6, OfficialMetrics.ofClasses(GlueTask.COLA, "dev", PRED, GOLD).score(), 1e-15);
    }

    @Test
    void stsbUsesPearsonAndSpearman() {
        List<Example> gold = List.of(Example.scored("0", "a", "b", 1f), Example.scored("1", "a", "b", 2f),
                Example.scored("2", "a", "b", 2f), Example.scored("3", "a", "b", 3f));
        TaskScores s = OfficialMetrics.ofScores(GlueTask.STSB, "dev", gold, new float[]{1, 3, 2, 4});
        assertEquals(3 / Math.sqrt(10), s.get("spearman"), 1e-7);
        assertEquals(PearsonCorrelation.of(new double[]{1, 3, 2, 4}, new double[]{1, 2, 2, 3}), s.get("pearson"), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> OfficialMetrics.ofClasses(GlueTask.STSB, "dev", PRED, GOLD));
    }

    @Test
    void unlabelledExamplesCannotBeScored() {
        List<Example> test = List.of(Example.classified("0", "a", null, Example.NO_LABEL));
        var e = assertThrows(IllegalArgumentException.class, () -> OfficialMetrics.ofClasses(GlueTask.SST2, "test", test, new int[]{1}));
        assertTrue(e.getMessage().contains("no gold label"));
    }

    @Test
    void glueAverageAveragesTasksWithMnliMatchedAndMismatched() {
        TaskScores rte = OfficialMetrics.ofClasses(GlueTask.RTE, "dev", PRED, GOLD);                  // 0.6
        TaskScores mrpc = OfficialMetrics.ofClasses(GlueTask.MRPC, "dev", PRED, GOLD);                // (2/3 + 3/5)/2
        TaskScores m = OfficialMetrics.ofClasses(GlueTask.MNLI, "dev_matched", new int[]{0, 1}, new int[]{0, 1});       // 1
        TaskScores mm = OfficialMetrics.ofClasses(GlueTask.MNLI, "dev_mismatched", new int[]{0, 1}, new int[]{0, 2});   // 0.5
        GlueAverage.Result r = GlueAverage.of(List.of(rte, mrpc, m, mm));
        assertEquals(0.75, r.taskScores().get(GlueTask.MNLI), 1e-15);
        assertEquals((0.6 + (2.0 / 3 + 0.6) / 2 + 0.75) / 3, r.average(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> GlueAverage.of(List.of(rte, rte)));
        TaskScores demo = OfficialMetrics.ofClasses(GlueTask.SENTIMENT, "dev", PRED, GOLD);
        assertThrows(IllegalArgumentException.class, () -> GlueAverage.of(List.of(demo)));
    }
}
