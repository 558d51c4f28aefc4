package hifi.glue.tasks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class GlueTaskTest {

    @Test
    void registryDescribesEachTask() {
        assertEquals(10, GlueTask.values().length);
        assertTrue(GlueTask.STSB.isRegression());
        assertEquals(1, GlueTask.STSB.numLabels());
        assertEquals(3, GlueTask.MNLI.numLabels());
        assertEquals(List.of(Metric.F1, Metric.ACCURACY), GlueTask.MRPC.metrics());
        assertEquals(List.of(Metric.MATTHEWS), GlueTask.COLA.metrics());
        assertEquals(List.of("dev_matched", "dev_mismatched"), GlueTask.MNLI.devSplits());
        assertEquals(List.of("test_matched", "test_mismatched"), GlueTask.MNLI.testSplits());
        assertEquals(List.of(), GlueTask.SENTIMENT.testSplits());
        assertEquals("not_entailment", GlueTask.RTE.labelName(1));
        assertFalse(GlueTask.SENTIMENT.isGlue());
    }

    @Test
    void byNameAcceptsKeysAndFolderNames() {
        assertEquals(GlueTask.SST2, GlueTask.byName("SST-2"));
        assertEquals(GlueTask.SST2, GlueTask.byName("sst2"));
        assertEquals(GlueTask.STSB, GlueTask.byName("sts-b"));
        var e = assertThrows(IllegalArgumentException.class, () -> GlueTask.byName("squad"));
        assertTrue(e.getMessage().contains("cola, sst2"), e.getMessage());
    }

    @Test
    void labelNameOutOfRangeIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> GlueTask.RTE.labelName(2));
        assertThrows(IllegalArgumentException.class, () -> GlueTask.STSB.labelName(0));
    }

    @Test
    void displayNameIsTheFolderNameOrTheGivenName() {
        assertEquals("STS-B", GlueTask.displayName("stsb"));
        assertEquals("CoLA", GlueTask.displayName("COLA"));
        assertEquals("my-task", GlueTask.displayName("my-task"));
    }
}
