package hifi.method.stability;

import hifi.engine.backend.ReferenceBackend;
import hifi.method.select.FakeHeadOutputModel;
import hifi.method.select.SelectionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StabilityRunTest {
    private static final StabilityStudy.Plan PLAN = new StabilityStudy.Plan(List.of(6), List.of(1L, 2L), SelectionConfig.defaults());

    private static StabilityRun run(List<String> loaded) {
        return new StabilityRun((task, dir) -> {
            if (task.equals("missing")) throw new IllegalArgumentException("no data for task missing");
            loaded.add(task);
            return FakeHeadOutputModel.examples(task.length() * 10);
        }, (dir, backend) -> new FakeHeadOutputModel(2, 3, 2), line -> { });
    }

    @Test
    void studiesEveryTaskInOrder(@TempDir Path tmp) throws IOException {
        Path model = Files.createDirectories(tmp.resolve("model"));
        var results = run(new ArrayList<>()).run(model, List.of("rte", "cola"), null, tmp.resolve("out"), PLAN, new ReferenceBackend());
        assertEquals(List.of("rte", "cola"), results.tasks().stream().map(TaskStability::task).toList());
        assertEquals("fake 2×3×2", results.model());
        assertTrue(Files.isRegularFile(tmp.resolve("out/selections/cola-n6-s2/heads.json")));
    }

    @Test
    void readsEveryTaskBeforeWritingAnything(@TempDir Path tmp) throws IOException {
        Path model = Files.createDirectories(tmp.resolve("model"));
        List<String> loaded = new ArrayList<>();
        var e = assertThrows(IllegalArgumentException.class,
                () -> run(loaded).run(model, List.of("rte", "missing"), null, tmp.resolve("out"), PLAN, new ReferenceBackend()));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertEquals(List.of("rte"), loaded);
        assertTrue(Files.notExists(tmp.resolve("out")), "nothing written");
        assertThrows(IllegalArgumentException.class,
                () -> run(loaded).run(tmp.resolve("nope"), List.of("rte"), null, tmp.resolve("out"), PLAN, new ReferenceBackend()));
        assertThrows(IllegalArgumentException.class,
                () -> run(loaded).run(model, List.of("rte", "rte"), null, tmp.resolve("out"), PLAN, new ReferenceBackend()));
    }
}
