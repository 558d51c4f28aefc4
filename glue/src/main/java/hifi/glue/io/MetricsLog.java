package hifi.glue.io;

import hifi.engine.io.Json;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON-lines metrics log ({@code metrics.jsonl}): one JSON object per line, appended and flushed line by line, so
 * a run that is killed loses at most the line being written and a resumed run continues the same file.
 *
 * <p>Record conventions read by {@code hifi.glue.report}: {@code "event"} names the kind of record;
 * {@code {"event":"train","step":120,"epoch":1,"loss":0.53,"lr":2.0e-5}} for training steps and
 * {@code {"event":"eval","step":240,"epoch":1,"split":"dev","accuracy":0.71,"score":0.71}} for evaluations (the
 * metric keys of {@code hifi.glue.tasks.Metric}, plus {@code score}, the mean of the task's official metrics).
 */
public final class MetricsLog implements Closeable {
    private final Path file;
    private final BufferedWriter out;

    private MetricsLog(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** Opens {@code file} for appending, creating it and its folders if needed. */
    public static MetricsLog append(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new MetricsLog(file, w);
    }

    public Path file() {
        return file;
    }

    /** Appends one record as a line of compact JSON and flushes it. Non-finite numbers are written as null. */
    public synchronized void log(Map<String, ?> record) throws IOException {
        out.write(Json.write(record));
        out.write('\n');
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /**
     * Drops the records logged after update {@code step} (those of a run killed after its last checkpoint, which the
     * resumed run logs again), rewriting the file atomically. Records without a step are kept.
     */
    public static void truncateAfter(Path file, long step) throws IOException {
        if (!Files.isRegularFile(file)) return;
        StringBuilder kept = new StringBuilder();
        for (Map<String, Object> r : read(file)) {
            if (r.get("step") instanceof Number n && n.longValue() > step) continue;
            kept.append(Json.write(r)).append('\n');
        }
        hifi.engine.io.AtomicFiles.writeString(file, kept.toString());
    }

    /**
     * Reads every record of a log. A last line without a newline that does not parse is what a killed writer
     * leaves behind and is ignored; any other line that is not a JSON object is an error naming the line.
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) continue;
            boolean tornTail = i == lines.length - 1;
            try {
                Object v = Json.parse(line);
                if (!(v instanceof Map)) throw new Json.JsonException("not a JSON object");
                records.add((Map<String, Object>) v);
            } catch (Json.JsonException e) {
                if (tornTail) break;
                throw new IOException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return records;
    }
}
