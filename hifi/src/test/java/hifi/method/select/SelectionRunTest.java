package hifi.method.select;

import hifi.engine.backend.ReferenceBackend;
import hifi.engine.io.Json;
import hifi.method.scoring.GraphVariant;
import hifi.method.scoring.RichnessMeasure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One selection run through its API; the command line's parsing is tested in glue ({@code SelectCommandTest}). */
class SelectionRunTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    private SelectionRun selection() {
        return new SelectionRun((task, dir) -> HeadSelectorTest.training(40), (dir, backend) -> new FakeHeadOutputModel(2, 3, 4),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsEndToEndAndWritesBothFiles(@TempDir Path tmp) throws IOException {
        Path model = Files.createDirectories(tmp.resolve("model")), data = Files.createDirectories(tmp.resolve("data"));
        Path outDir = tmp.resolve("out");
        SelectionConfig config = SelectionConfig.defaults().withSamples(12).withK(2).withVariant(GraphVariant.byName("c"))
                .withRichness(RichnessMeasure.byName("entropy_rank")).withBatchSize(5);
        selection().run(model, "sst2", data, outDir, config, new ReferenceBackend());
        Map<String, Object> j = Json.parseObject(Files.readString(outDir.resolve("heads.json")));
        Map<String, Object> cfg = (Map<String, Object>) j.get("configuration");
        assertEquals("C", cfg.get("variant"));
        assertEquals("entropy_rank", cfg.get("richness"));
        assertEquals(12L, cfg.get("samples"));
        assertEquals(4, ((java.util.List<Object>) j.get("selected_heads")).size());
        assertTrue(Files.size(outDir.resolve("heads.png")) > 0);
        String console = out.toString();
        assertTrue(console.contains("layer  1: heads ["), console);
        assertTrue(console.contains("Kendall tau between halves"), console);
        assertTrue(console.contains("PageRank iterations"), console);
    }

    @Test
    void missingFoldersFailBeforeWritingAnything(@TempDir Path tmp) {
        Path outDir = tmp.resolve("out");
        var e = assertThrows(IllegalArgumentException.class, () -> selection().run(tmp.resolve("nope"), "x", tmp, outDir,
                SelectionConfig.defaults(), new ReferenceBackend()));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertTrue(Files.notExists(outDir), "no output folder");
    }
}
