package hifi.engine.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects tensors and writes them as one safetensors file, byte-for-byte deterministic: entries are ordered by
 * element size (largest first, so every tensor stays aligned) and then by name, as HuggingFace's writer orders them;
 * the header is compact JSON with {@code __metadata__} first, padded with spaces to a multiple of 8 bytes. The file is
 * written next to its destination under a temporary name, forced to disk and atomically renamed into place.
 *
 * <p>The arrays given are not copied; do not change them before {@link #write}.
 */
public final class SafetensorsWriter {
    private record Entry(String name, DType dtype, long[] shape, Object values) {
    }

    private final Map<String, Entry> entries = new TreeMap<>();
    private final Map<String, String> metadata = new TreeMap<>();

    /** Adds an F32 tensor. */
    public SafetensorsWriter putFloats(String name, float[] values, long... shape) {
        return put(name, DType.F32, shape, values, values.length);
    }

    /** Adds an F32 tensor with an int shape (as {@link hifi.engine.tensor.Tensor} has). */
    public SafetensorsWriter putFloats(String name, float[] values, int... shape) {
        return putFloats(name, values, Arrays.stream(shape).asLongStream().toArray());
    }

    /** Adds an I64 tensor. */
    public SafetensorsWriter putLongs(String name, long[] values, long... shape) {
        return put(name, DType.I64, shape, values, values.length);
    }

    /** Adds an I32 tensor. */
    public SafetensorsWriter putInts(String name, int[] values, long... shape) {
        return put(name, DType.I32, shape, values, values.length);
    }

    /** Sets one {@code __metadata__} entry (written in key order). */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Names added so far, sorted. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    private SafetensorsWriter put(String name, DType dtype, long[] shape, Object values, int length) {
        if (name.equals(SafetensorsHeader.METADATA_KEY)) throw new IllegalArgumentException("reserved tensor name " + name);
        if (entries.containsKey(name)) throw new IllegalArgumentException("duplicate tensor name \"" + name + "\"");
        long numel = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("tensor \"" + name + "\": negative dimension in " + Arrays.toString(shape));
            numel = Math.multiplyExact(numel, d);
        }
        if (numel != length) {
            throw new IllegalArgumentException("tensor \"" + name + "\": " + length + " values do not fill shape " + Arrays.toString(shape));
        }
        entries.put(name, new Entry(name, dtype, shape.clone(), values));
        return this;
    }

    /** Writes the file atomically (temporary file in the same directory, then rename). */
    public void write(Path destination) throws IOException {
        List<Entry> ordered = new ArrayList<>(entries.values());
        ordered.sort(Comparator.comparingInt((Entry e) -> -e.dtype.bytes()).thenComparing(Entry::name));
        byte[] header = headerBytes(ordered);
        long dataSize = 0;
        for (Entry e : ordered) dataSize += bytes(e);
        long total = 8 + header.length + dataSize;
        AtomicFiles.write(destination, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 Arena arena = Arena.ofConfined()) {
                MemorySegment out = ch.map(FileChannel.MapMode.READ_WRITE, 0, total, arena);
                out.set(SafetensorsFile.I64_LE, 0, header.length);
                MemorySegment.copy(header, 0, out, ValueLayout.JAVA_BYTE, 8, header.length);
                long at = 8 + header.length;
                for (Entry e : ordered) {
                    copyValues(e, out, at);
                    at += bytes(e);
                }
                out.force();
            }
        });
    }

    private static void copyValues(Entry e, MemorySegment out, long at) {
        switch (e.values) {
            case float[] f -> MemorySegment.copy(f, 0, out, SafetensorsFile.F32_LE, at, f.length);
            case long[] l -> MemorySegment.copy(l, 0, out, SafetensorsFile.I64_LE, at, l.length);
            case int[] i -> MemorySegment.copy(i, 0, out, SafetensorsFile.I32_LE, at, i.length);
            default -> throw new AssertionError(e.values.getClass());
        }
    }

    private static long bytes(Entry e) {
        long numel = 1;
        for (long d : e.shape) numel *= d;
        return numel * e.dtype.bytes();
    }

    private byte[] headerBytes(List<Entry> ordered) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (!metadata.isEmpty()) root.put(SafetensorsHeader.METADATA_KEY, new LinkedHashMap<>(metadata));
        long at = 0;
        for (Entry e : ordered) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dtype", e.dtype.name());
            m.put("shape", e.shape);
            m.put("data_offsets", new long[] {at, at + bytes(e)});
            root.put(e.name, m);
            at += bytes(e);
        }
        String json = Json.write(root);
        int padded = (json.getBytes(StandardCharsets.UTF_8).length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        Arrays.fill(out, (byte) ' ');
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(raw, 0, out, 0, raw.length);
        return out;
    }
}
