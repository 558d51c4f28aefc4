package hifi.method.stability;

import hifi.engine.backend.ReferenceBackend;
import hifi.engine.io.Json;
import hifi.engine.nn.HeadOutputListener;
import hifi.method.scoring.GraphVariant;
import hifi.method.select.FakeHeadOutputModel;
import hifi.method.select.HeadOutputModel;
import hifi.method.select.HeadSelector;
import hifi.method.select.SelectionConfig;
import hifi.method.select.SelectionResult;
import hifi.method.select.TextExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StabilityStudyTest {
    private static final List<TextExample> TRAINING = FakeHeadOutputModel.examples(60);
    private static final SelectionConfig BASE = SelectionConfig.defaults().withBatchSize(4);

    /** The fake encoder, counting forward passes. */
    private static final class Counting implements HeadOutputModel {
        final FakeHeadOutputModel model = new FakeHeadOutputModel(2, 4, 3);
        int forwards;

        @Override
        public int layers() {
            return model.layers();
        }

        @Override
        public int heads() {
            return model.heads();
        }

        @Override
        public String description() {
            return model.description();
        }

        @Override
        public void forward(List<TextExample> batch, int maxLength, HeadOutputListener listener) {
            forwards++;
            model.forward(batch, maxLength, listener);
        }
    }

    private static TaskStability run(HeadOutputModel model, StabilityStudy.Plan plan, Path folder, List<String> log) throws IOException {
        return new StabilityStudy(new ReferenceBackend(), log::add).run(model, TRAINING, "toy", plan, folder);
    }

    @Test
    @SuppressWarnings("unchecked")
    void repeatsTheSelectionPerSizeAndSeedAsSelectDoes(@TempDir Path tmp) throws IOException {
        List<String> log = new ArrayList<>();
        TaskStability t = run(new Counting(), new StabilityStudy.Plan(List.of(16, 8), List.of(1L, 2L), BASE), tmp, log);
        assertEquals(List.of(8, 16), t.sizes(), "sizes ascend");
        assertEquals(4, log.stream().filter(l -> l.contains(": heads [")).count(), "one line per selection: " + log);
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < 2; i++) {
                int size = t.sizes().get(s);
                long seed = t.seeds().get(i);
                SelectionResult direct = new HeadSelector(new ReferenceBackend(), line -> { })
                        .select(new FakeHeadOutputModel(2, 4, 3), TRAINING, BASE.withSamples(size).withSeed(seed), "toy");
                SelectionRecord r = t.record(s, i);
                assertArrayEquals(direct.scores().scores(), r.scores(), "n=" + size + " seed " + seed);
                assertEquals(direct.selected(), r.selected());
                assertEquals(size, r.samples());
                assertTrue(Files.isRegularFile(StabilityStudy.selectionFolder(tmp, "toy", size, seed).resolve("heads.json")));
            }
        }
        List<Object> small = ids(tmp, 8, 1), large = ids(tmp, 16, 1);
        assertEquals(large.subList(0, 8), small, "a smaller sample is a prefix of the larger one with the same seed");
        assertTrue(!ids(tmp, 8, 2).equals(small), "another seed draws other examples");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Path folder, int size, long seed) throws IOException {
        Map<String, Object> j = Json.parseObject(Files.readString(StabilityStudy.selectionFolder(folder, "toy", size, seed).resolve("heads.json")));
        return (List<Object>) ((Map<String, Object>) j.get("samples")).get("ids");
    }

    @Test
    void aRepeatedStudyReadsItsSelectionsBackAndRefusesOtherSettings(@TempDir Path tmp) throws IOException {
        StabilityStudy.Plan plan = new StabilityStudy.Plan(List.of(8), List.of(1L, 3L), BASE);
        TaskStability first = run(new Counting(), plan, tmp, new ArrayList<>());
        Counting again = new Counting();
        TaskStability second = run(again, plan, tmp, new ArrayList<>());
        assertEquals(0, again.forwards, "nothing recomputed");
        assertArrayEquals(first.record(0, 1).scores(), second.record(0, 1).scores());
        assertEquals(first.record(0, 1).selected(), second.record(0, 1).selected());
        assertEquals(first.record(0, 1).halfTau(), second.record(0, 1).halfTau(), 0);

        var other = new StabilityStudy.Plan(List.of(8), List.of(1L, 3L), BASE.withVariant(GraphVariant.C));
        var e = assertThrows(IllegalArgumentException.class, () -> run(new Counting(), other, tmp, new ArrayList<>()));
        assertTrue(e.getMessage().contains("toy-n8-s1") && e.getMessage().contains("other settings"), e.getMessage());
    }

    @Test
    void planNeedsTwoDistinctSeedsAndSizesOfAtLeastTwo() {
        assertThrows(IllegalArgumentException.class, () -> new StabilityStudy.Plan(List.of(8), List.of(1L), BASE));
        assertThrows(IllegalArgumentException.class, () -> new StabilityStudy.Plan(List.of(8), List.of(1L, 1L), BASE));
        assertThrows(IllegalArgumentException.class, () -> new StabilityStudy.Plan(List.of(1, 8), List.of(1L, 2L), BASE));
        assertThrows(IllegalArgumentException.class, () -> new StabilityStudy.Plan(List.of(), List.of(1L, 2L), BASE));
    }
}
