package hifi.glue.io;

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
    void tornLastLineIsIgnoredButOtherBadLinesAreErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.jsonl");
        Files.writeString(file, "{\"step\":1}\n{\"step\":2}\n{\"st");
        assertEquals(2, MetricsLog.read(file).size());
        Files.writeString(file, "{\"step\":1}\n[1,2]\n{\"step\":3}\n", StandardOpenOption.TRUNCATE_EXISTING);
        IOException e = assertThrows(IOException.class, () -> MetricsLog.read(file));
        assertTrue(e.getMessage().startsWith(file + ":2: "), e.getMessage());
    }
}
