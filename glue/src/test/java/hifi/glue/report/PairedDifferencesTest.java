package hifi.glue.report;

import hifi.glue.run.StoredResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairedDifferencesTest {

    static PairedDifferences.Run run(String task, String method, double lr, long seed, double score) {
        Map<String, Object> spec = Map.of("task", task, "method_name", method, "learning_rate", lr, "seed", seed);
        return new PairedDifferences.Run(Path.of(task + "_" + method + "_" + lr + "_s" + seed), new StoredResult(spec, score, Map.of(), 1, 10));
    }

    @Test
    void pairsOnlyTheSeedsBothMethodsHave() {
        List<PairedDifferences.Run> runs = List.of(
                run("rte", "random-heads", 5e-4, 1, 0.60), run("rte", "random-heads", 5e-4, 2, 0.62), run("rte", "random-heads", 5e-4, 3, 0.58),
                run("rte", "info-only", 5e-4, 2, 0.61), run("rte", "info-only", 5e-4, 1, 0.65));
        List<PairedDifferences.Row> rows = PairedDifferences.of(runs, "random-heads");
        assertEquals(1, rows.size());
        PairedDifferences.Row r = rows.getFirst();
        assertEquals(List.of(1L, 2L), r.seeds());
        assertEquals(0.63, r.methodMean(), 1e-12);
        assertEquals(0.61, r.baseline(), 1e-12, "the baseline's mean over the shared seeds only");
        // differences {+0.05, −0.01}: a resampled mean is −0.01 or +0.05 with probability 1/4 each (> 2.5 %)
        assertEquals(0.02, r.difference().mean(), 1e-12);
        assertEquals(-0.01, r.difference().low(), 1e-12);
        assertEquals(0.05, r.difference().high(), 1e-12);
        assertEquals(2, r.difference().n());
    }

    @Test
    void withThreeSeedsTheIntervalIsTheRangeOfTheDifferences() {
        // all three resampled differences equal the smallest with probability 1/27 ≈ 3.7 % > 2.5 %, likewise the largest
        List<PairedDifferences.Run> runs = new ArrayList<>();
        double[] base = {0.50, 0.55, 0.60}, method = {0.51, 0.59, 0.58};
        for (int s = 0; s < 3; s++) {
            runs.add(run("cola", "random-heads", 5e-4, s + 1, base[s]));
            runs.add(run("cola", "hifi-lowest", 5e-4, s + 1, method[s]));
        }
        PairedBootstrap.Difference d = PairedDifferences.of(runs, "random-heads").getFirst().difference();
        assertEquals(0.01, d.mean(), 1e-12);
        assertEquals(-0.02, d.low(), 1e-12);
        assertEquals(0.04, d.high(), 1e-12);
    }

    @Test
    void tasksWithoutTheBaselineAndMethodsWithoutASharedSeedAreLeftOut() {
        List<PairedDifferences.Run> runs = List.of(
                run("mrpc", "info-only", 5e-4, 1, 0.8),
                run("rte", "random-heads", 5e-4, 1, 0.6), run("rte", "corr-only", 5e-4, 2, 0.7),
                run("rte", "hifi", 1e-3, 1, 0.7), run("rte", "hifi", 5e-4, 1, 0.65));
        List<PairedDifferences.Row> rows = PairedDifferences.of(runs, "random-heads");
        assertEquals(List.of("hifi (lr 5e-4)", "hifi (lr 1e-3)"), rows.stream().map(PairedDifferences.Row::method).toList(),
                "one row per learning rate, in rate order");
        assertEquals(0.1, rows.get(1).difference().mean(), 1e-12);
        assertTrue(rows.stream().allMatch(r -> r.task().equals("rte")));
    }

    @Test
    void theSameRunTwiceOrABaselineAtTwoRatesIsAnError() {
        var twice = assertThrows(IllegalArgumentException.class, () -> PairedDifferences.of(List.of(
                run("rte", "random-heads", 5e-4, 1, 0.6), run("rte", "random-heads", 5e-4, 1, 0.6)), "random-heads"));
        assertTrue(twice.getMessage().contains("same run") && twice.getMessage().contains("seed 1"), twice.getMessage());
        var rates = assertThrows(IllegalArgumentException.class, () -> PairedDifferences.of(List.of(
                run("rte", "random-heads", 5e-4, 1, 0.6), run("rte", "random-heads", 1e-3, 1, 0.6)), "random-heads"));
        assertTrue(rates.getMessage().contains("2 learning rates on rte"), rates.getMessage());
    }
}
