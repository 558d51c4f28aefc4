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
 * written next to its destination under a temporary name, forced to disk and atomically renamed into place. With
 * {@link #withChecksums()} the header also records the CRC32C of every tensor and of itself ({@link TensorChecksums}).
 *
 * <p>The arrays given are not copied; do not change them before {@link #write}.
 */
public final class SafetensorsWriter {
    private record Entry(String name, DType dtype, long[] shape, Object values) {
    }

    private final Map<String, Entry> entries = new TreeMap<>();
    private final Map<String, String> metadata = new TreeMap<>();
    private boolean checksums;

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

    /**
     * Makes {@link #write} record a CRC32C of every tensor and of the header in {@code __metadata__}
     * ({@link TensorChecksums}), computed from the bytes as written, before the file is renamed into place.
     */
    public SafetensorsWriter withChecksums() {
        checksums = true;
        return this;
    }

    /** Writes the file atomically (temporary file in the same directory, then rename). */
    public void write(Path destination) throws IOException {
        AtomicFiles.write(destination, this::writeInto);
    }

    /**
     * Writes the file into {@code file} (created or overwritten, not atomically) and forces it to disk; for callers
     * that commit it themselves, as {@link AtomicFiles#write} does.
     */
    public void writeInto(Path file) throws IOException {
        List<Entry> ordered = new ArrayList<>(entries.values());
        ordered.sort(Comparator.comparingInt((Entry e) -> -e.dtype.bytes()).thenComparing(Entry::name));
        List<TensorInfo> infos = new ArrayList<>();
        long dataSize = 0;
        for (Entry e : ordered) {
            infos.add(new TensorInfo(e.name, e.dtype, e.shape, dataSize, dataSize + bytes(e)));
            dataSize += bytes(e);
        }
        Map<String, String> meta = checksums ? TensorChecksums.withPlaceholders(metadata, infos) : metadata;
        byte[] header = headerBytes(meta, infos);
        long total = 8 + header.length + dataSize;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING); Arena arena = Arena.ofConfined()) {
            MemorySegment out = ch.map(FileChannel.MapMode.READ_WRITE, 0, total, arena);
            long at = 8 + header.length;
            for (Entry e : ordered) {
                copyValues(e, out, at);
                at += bytes(e);
            }
            if (checksums) {
                // Checksum values have a fixed width, so the final header is exactly as long as the placeholder one.
                byte[] filled = headerBytes(TensorChecksums.computed(meta, infos, out.asSlice(8 + header.length)), infos);
                if (filled.length != header.length) throw new AssertionError("checksummed header changed length");
                header = filled;
            }
            out.set(SafetensorsFile.I64_LE, 0, header.length);
            MemorySegment.copy(header, 0, out, ValueLayout.JAVA_BYTE, 8, header.length);
            out.force();
        }
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

    private static byte[] headerBytes(Map<String, String> metadata, List<TensorInfo> infos) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (!metadata.isEmpty()) root.put(SafetensorsHeader.METADATA_KEY, new LinkedHashMap<>(metadata));
        for (TensorInfo t : infos) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dtype", t.dtype().name());
            m.put("shape", t.shape());
            m.put("data_offsets", new long[] {t.begin(), t.end()});
            root.put(t.name(), m);
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
