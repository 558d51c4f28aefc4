package hifi.method.select;

import hifi.engine.io.Json;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    private SelectCommand command() {
        return new SelectCommand((task, dir) -> HeadSelectorTest.training(40), (dir, backend) -> new FakeHeadOutputModel(2, 3, 4),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsEndToEndAndWritesBothFiles(@TempDir Path tmp) throws IOException {
        Path model = Files.createDirectories(tmp.resolve("model")), data = Files.createDirectories(tmp.resolve("data"));
        Path outDir = tmp.resolve("out");
        int code = command().run(new String[] {"--model", model.toString(), "--task", "sst2", "--data", data.toString(),
                "--out", outDir.toString(), "--samples", "12", "--k=2", "--variant", "c", "--richness", "entropy_rank", "--batch-size", "5"});
        assertEquals(0, code, err.toString());
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
    void badCommandLinesExitWithUsage() {
        String[][] bad = {
                {"--task", "x", "--data", "d", "--out", "o"},
                {"--model", "m", "--task", "x", "--data", "d", "--out", "o", "--frobnicate"},
                {"--model", "m", "--task", "x", "--data", "d", "--out", "o", "--variant", "D"},
                {"--model", "m", "--task", "x", "--data", "d", "--out", "o", "--k", "0"},
                {"--model", "m", "--task", "x", "--data", "d", "--out", "o", "--samples"},
                {"--model", "m", "--task", "x", "--data", "d", "--out", "o", "--scope", "world"},
                {"--model", "m", "--model", "m2", "--task", "x", "--data", "d", "--out", "o"},
        };
        for (String[] args : bad) {
            assertEquals(SelectCommand.USAGE, command().run(args), String.join(" ", args));
        }
        assertTrue(err.toString().contains("--variant"), "the message names the flag");
    }

    @Test
    void missingFoldersFail(@TempDir Path tmp) {
        int code = command().run(new String[] {"--model", tmp.resolve("nope").toString(), "--task", "x", "--data", tmp.toString(), "--out", tmp.toString()});
        assertEquals(SelectCommand.FAILURE, code);
        assertTrue(err.toString().contains("nope"), err.toString());
    }

    @Test
    void helpPrintsUsage() {
        assertEquals(0, command().run(new String[] {"--help"}));
        assertTrue(out.toString().contains("--richness"));
    }
}
