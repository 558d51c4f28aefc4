package hifi.glue.report;

import hifi.engine.io.Json;
import hifi.method.scoring.HeadId;
import hifi.method.select.SelectionConfig;
import hifi.method.stability.SelectionRecord;
import hifi.method.stability.StabilityRun;
import hifi.method.stability.StabilityStudy;
import hifi.method.stability.TaskStability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StabilityReportTest {

    /** One layer of three heads; the best head is selected. */
    private static SelectionRecord record(int samples, long seed, double... scores) {
        int best = 0;
        for (int h = 1; h < scores.length; h++) if (scores[h] > scores[best]) best = h;
        return new SelectionRecord(samples, seed, new double[][] {scores}, List.of(new HeadId(0, best)), seed == 1 ? 0.5 : Double.NaN, 30);
    }

    /**
     * RTE: at 4 examples seeds 1 and 2 rank (3, 2, 1) and (1, 2, 3) (τ −1), at 8 both (3, 2, 1) (τ 1); CoLA ranks
     * (1, 3, 2) everywhere. Selected at 8 with seed 1: head 0 and head 1, Jaccard 0.
     */
    private static StabilityRun.Results results() {
        var plan = new StabilityStudy.Plan(List.of(4, 8), List.of(1L, 2L), SelectionConfig.defaults());
        TaskStability rte = new TaskStability("rte", plan.sizes(), plan.seeds(), List.of(
                List.of(record(4, 1, 3, 2, 1), record(4, 2, 1, 2, 3)), List.of(record(8, 1, 3, 2, 1), record(8, 2, 3, 2, 1))));
        TaskStability cola = new TaskStability("cola", plan.sizes(), plan.seeds(), List.of(
                List.of(record(4, 1, 1, 3, 2), record(4, 2, 1, 3, 2)), List.of(record(8, 1, 1, 3, 2), record(8, 2, 1, 3, 2))));
        return new StabilityRun.Results("toy model", plan, List.of(rte, cola));
    }

    @Test
    void markdownTablesHoldTheAgreements() {
        String md = StabilityReport.markdown(results());
        assertTrue(md.contains("| RTE | 4 | -1.000 | -1.000 | -1.000 | 0.000 | 0.500 |"), md);
        assertTrue(md.contains("| RTE | 8 | 1.000 | 1.000 | 1.000 | 1.000 | 0.500 |"), md);
        // against the largest: seed 1 (3,2,1)–(3,2,1) τ 1, seed 2 (1,2,3)–(3,2,1) τ −1: mean 0, top-1 1/2
        assertTrue(md.contains("| RTE | 4 | 8 | 0.000 | 0.000 | 0.500 |"), md);
        assertTrue(md.contains("| CoLA | 4 | 8 | 1.000 | 1.000 | 1.000 |"), md);
        assertTrue(md.contains("| RTE | 0:0 |") && md.contains("| CoLA | 0:1 |"), md);
        assertTrue(md.contains("| RTE | 1.00 | 0.00 |") && md.contains("| CoLA | 0.00 | 1.00 |"), md);
        assertTrue(md.contains("4.0 min"), "8 selections of 30 s: " + md);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHoldsEveryPairAndWritesNaNAsNull(@TempDir Path tmp) throws IOException {
        List<Path> files = StabilityReport.write(results(), tmp);
        assertEquals(List.of(tmp.resolve("stability.md"), tmp.resolve("stability.json")), files);
        Map<String, Object> j = Json.parseObject(Files.readString(files.get(1)));
        assertEquals("hifi-stability/1", j.get("format"));
        assertTrue(!((Map<String, Object>) j.get("configuration")).containsKey("seed"), "seeds are listed separately");
        Map<String, Object> rte = ((List<Map<String, Object>>) j.get("tasks")).get(0);
        Map<String, Object> across4 = ((List<Map<String, Object>>) rte.get("across_seeds")).get(0);
        assertEquals(-1.0, ((Map<String, Number>) across4.get("mean")).get("tau_layer_mean").doubleValue(), 0);
        Map<String, Object> pair = ((List<Map<String, Object>>) across4.get("pairs")).get(0);
        assertEquals(Map.of("samples", 4L, "seed", 2L), pair.get("b"));
        Map<String, Object> selection = ((List<Map<String, Object>>) rte.get("selections")).get(1);
        assertEquals(null, selection.get("split_half_tau"), "an undefined τ is null");
        assertTrue(selection.containsKey("split_half_tau"));
        assertEquals(List.of(List.of(0L, 2L)), selection.get("selected"));
    }
}
