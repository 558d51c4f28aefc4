package hifi.glue.cli;

import hifi.engine.io.Json;
import hifi.glue.Fixtures;
import hifi.glue.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hifi stability} on the tiny model and the miniature GLUE data: files, reuse on a second call, bad input. */
class StabilityCommandTest {

    @Test
    @SuppressWarnings("unchecked")
    void writesTheReportAndReusesItsSelections(@TempDir Path tmp) throws IOException {
        Path model = TinyModel.write(tmp.resolve("tiny")), out = tmp.resolve("stability");
        String[] args = {"stability", "--model", model.toString(), "--tasks", "rte,CoLA", "--data", Fixtures.glueData().toString(),
                "--out", out.toString(), "--samples", "3,2", "--seeds", "1,2", "--max-length", "48"};
        AppRun first = AppRun.of(args);
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("## Across seeds") && first.out().contains("| CoLA |"), first.out());
        assertEquals(Files.readString(out.resolve("stability.md")), first.out().substring(0, first.out().indexOf("wrote ")));

        Map<String, Object> json = Json.parseObject(Files.readString(out.resolve("stability.json")));
        assertEquals(List.of(2L, 3L), json.get("sample_sizes"));
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) json.get("tasks");
        assertEquals(List.of("rte", "cola"), tasks.stream().map(t -> t.get("task")).toList());
        assertEquals(4, ((List<Object>) tasks.get(0).get("selections")).size(), "2 sizes × 2 seeds");
        assertEquals(1, ((List<Object>) tasks.get(0).get("against_largest")).size());
        List<List<Number>> jaccard = (List<List<Number>>) ((Map<String, Object>) json.get("overlap")).get("jaccard");
        assertEquals(1.0, jaccard.get(1).get(1).doubleValue(), 0);
        assertTrue(Files.isRegularFile(out.resolve("selections/cola-n3-s2/heads.json")));

        AppRun second = AppRun.of(args);
        assertEquals(0, second.code(), second.toString());
        assertTrue(second.err().contains("rte n=2 seed 1: read "), second.err());
        assertEquals(first.out().replaceAll("Selection time.*", ""), second.out().replaceAll("Selection time.*", ""), "the same report");
    }

    @Test
    void badCommandLinesAreUsageErrorsAndBadInputWritesNothing(@TempDir Path tmp) throws IOException {
        String data = Fixtures.glueData().toString(), out = tmp.resolve("o").toString();
        String[][] bad = {
                {"stability", "--model", "m", "--tasks", "rte", "--data", data, "--out", out, "--seeds", "1"},
                {"stability", "--model", "m", "--tasks", "rte", "--data", data, "--out", out, "--seeds", "2,2"},
                {"stability", "--model", "m", "--tasks", "rte", "--data", data, "--out", out, "--samples", "1,64"},
                {"stability", "--model", "m", "--tasks", "rtee", "--data", data, "--out", out},
                {"stability", "--model", "m", "--tasks", "rte", "--data", data, "--out", out, "--k", "0"},
                {"stability", "--model", "m", "--data", data, "--out", out},
        };
        for (String[] args : bad) {
            AppRun r = AppRun.of(args);
            assertEquals(Exit.USAGE, r.code(), String.join(" ", args) + ": " + r);
        }
        Path model = TinyModel.write(tmp.resolve("tiny"));
        AppRun noData = AppRun.of("stability", "--model", model.toString(), "--tasks", "rte", "--out", out);
        assertEquals(Exit.FAILURE, noData.code(), noData.toString());
        assertTrue(noData.err().contains("--data"), noData.toString());
        assertTrue(Files.notExists(Path.of(out)), "nothing written");
    }
}
