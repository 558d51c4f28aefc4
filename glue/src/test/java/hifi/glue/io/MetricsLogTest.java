package hifi.glue.io;

import hifi.glue.metrics.OfficialMetrics;
import hifi.glue.metrics.TaskScores;
import hifi.glue.tasks.GlueTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MetricsLogTest {

    @Test
    void appendsOneFlushedLinePerRecordAcrossReopens(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run/metrics.jsonl");
        try (MetricsLog log = MetricsLog.append(file)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("event", "train");
            r.put("step", 1);
            log.log(r);
            assertEquals("{\"event\":\"train\",\"step\":1}\n".length(), Files.size(file), "flushed before close");
        }
        try (MetricsLog log = MetricsLog.append(file)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("event", "eval");
            r.put("accuracy", 0.75);
            r.put("loss", Double.NaN);
            log.log(r);
        }
        assertEquals(List.of("{\"event\":\"train\",\"step\":1}", "{\"event\":\"eval\",\"accuracy\":0.75,\"loss\":null}"),
                Files.readAllLines(file));
        List<Map<String, Object>> records = MetricsLog.read(file);
        assertEquals(2, records.size());
        assertEquals(0.75, records.get(1).get("accuracy"));
    }

    @Test
    void standardRecordsRoundTripAndFeedTheReport(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        TaskScores dev = OfficialMetrics.ofClasses(GlueTask.MRPC, "dev", new int[]{1, 0, 1, 1}, new int[]{1, 0, 0, 1});
        try (MetricsLog log = MetricsLog.append(file)) {
            log.log(LogRecords.train(10, 0.5, 0.69, 2e-5));
            log.log(LogRecords.eval(20, 1, dev, Double.NaN));
        }
        List<Map<String, Object>> records = MetricsLog.read(file);
        assertEquals(Map.of("event", "train", "step", 10L, "epoch", 0.5, "loss", 0.69, "lr", 2e-5), records.get(0));
        Map<String, Object> eval = records.get(1);
        assertEquals("eval", eval.get("event"));
        assertEquals("dev", eval.get("split"));
        assertEquals(0.8, eval.get("f1"));           // TP 2, FP 1, FN 0 → 4/5
        assertEquals(0.75, eval.get("accuracy"));
        assertEquals(0.775, (Double) eval.get("score"), 1e-15);
        assertFalse(eval.containsKey("loss"));
        assertEquals("score", hifi.glue.report.TrainingCurves.devMetricKey(records));
    }

    @Test
    void tornLastLineIsIgnoredButOtherBadLinesAreErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.jsonl");
        Files.writeString(file, "{\"step\":1}\n{\"step\":2}\n{\"st");
        assertEquals(2, MetricsLog.read(file).size());
        Files.writeString(file, "{\"step\":1}\n[1,2]\n{\"step\":3}\n", StandardOpenOption.TRUNCATE_EXISTING);
        IOException e = assertThrows(IOException.class, () -> MetricsLog.read(file));
        assertTrue(e.getMessage().startsWith(file + ":2: "), e.getMessage());
    }

    @Test
    void truncateAfterDropsWhatARunLoggedPastItsCheckpoint(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.append(file)) {
            for (int step = 1; step <= 5; step++) log.log(LogRecords.train(step, step / 5.0, 0.7, 1e-4));
            log.log(Map.of("event", "note"));
        }
        MetricsLog.truncateAfter(file, 3);
        List<Map<String, Object>> records = MetricsLog.read(file);
        assertEquals(List.of(1L, 2L, 3L), records.stream().filter(r -> r.containsKey("step")).map(r -> r.get("step")).toList());
        assertEquals("note", records.getLast().get("event"), "records without a step are kept");
    }
}
