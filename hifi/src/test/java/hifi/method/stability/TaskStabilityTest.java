package hifi.method.stability;

import hifi.method.scoring.HeadId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TaskStabilityTest {

    private static SelectionRecord record(int samples, long seed, double... layer0) {
        int best = 0;
        for (int h = 1; h < layer0.length; h++) if (layer0[h] > layer0[best]) best = h;
        return new SelectionRecord(samples, seed, new double[][] {layer0}, List.of(new HeadId(0, best)), 0.9, 1);
    }

    /** Sizes 4 and 8, seeds 1–3; at 8 every seed ranks (3, 2, 1), at 4 the seeds rank (3, 2, 1), (1, 2, 3), (3, 1, 2). */
    private static TaskStability study(String task, double... largestSeed1) {
        return new TaskStability(task, List.of(4, 8), List.of(1L, 2L, 3L), List.of(
                List.of(record(4, 1, 3, 2, 1), record(4, 2, 1, 2, 3), record(4, 3, 3, 1, 2)),
                List.of(record(8, 1, largestSeed1), record(8, 2, 3, 2, 1), record(8, 3, 3, 2, 1))));
    }

    @Test
    void seedsArePairedAtEachSize() {
        List<TaskStability.Pair> pairs = study("rte", 3, 2, 1).acrossSeeds(0);
        assertEquals(List.of(1L, 1L, 2L), pairs.stream().map(TaskStability.Pair::seedA).toList());
        assertEquals(List.of(2L, 3L, 3L), pairs.stream().map(TaskStability.Pair::seedB).toList());
        // (3,2,1)–(1,2,3): τ −1; (3,2,1)–(3,1,2): 2 concordant, 1 discordant, τ 1/3; (1,2,3)–(3,1,2): τ −1/3
        assertArrayEquals(new double[] {-1, 1 / 3.0, -1 / 3.0}, pairs.stream().mapToDouble(p -> p.agreement().meanLayerTau()).toArray(), 1e-15);
        RankingAgreement mean = TaskStability.average(pairs);
        assertEquals(-1 / 3.0, mean.meanLayerTau(), 1e-15);
        assertEquals(1 / 3.0, mean.topOne(), 1e-15, "only seeds 1 and 3 share their best head");
        assertEquals(1, TaskStability.average(study("rte", 3, 2, 1).acrossSeeds(1)).meanLayerTau(), 0);
    }

    @Test
    void eachSizeIsComparedWithTheSameSeedAtTheLargest() {
        List<TaskStability.Pair> pairs = study("rte", 3, 2, 1).againstLargest(0);
        assertEquals(List.of(4, 4, 4), pairs.stream().map(TaskStability.Pair::sizeA).toList());
        assertEquals(List.of(8, 8, 8), pairs.stream().map(TaskStability.Pair::sizeB).toList());
        assertEquals(List.of(1L, 2L, 3L), pairs.stream().map(TaskStability.Pair::seedB).toList());
        assertArrayEquals(new double[] {1, -1, 1 / 3.0}, pairs.stream().mapToDouble(p -> p.agreement().meanLayerTau()).toArray(), 1e-15);
    }

    @Test
    void tasksOverlapByTheirHeadsAtTheLargestSizeWithTheFirstSeed() {
        TaskStability a = study("rte", 3, 2, 1), b = study("mrpc", 1, 3, 2), c = study("cola", 5, 0, 0);
        assertEquals(List.of(new HeadId(0, 1)), b.referenceHeads());
        double[][] m = TaskStability.overlaps(List.of(a, b, c));
        assertArrayEquals(new double[] {1, 0, 1}, m[0], 0);
        assertArrayEquals(new double[] {0, 1, 0}, m[1], 0);
    }

    @Test
    void needsOneSelectionPerSizeAndSeedAndAscendingSizes() {
        SelectionRecord r = record(4, 1, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> new TaskStability("t", List.of(4, 8), List.of(1L, 2L), List.of(List.of(r, r))));
        assertThrows(IllegalArgumentException.class, () -> new TaskStability("t", List.of(4), List.of(1L, 2L), List.of(List.of(r))));
        assertThrows(IllegalArgumentException.class, () -> new TaskStability("t", List.of(8, 4), List.of(1L, 2L), List.of(List.of(r, r), List.of(r, r))));
    }
}
