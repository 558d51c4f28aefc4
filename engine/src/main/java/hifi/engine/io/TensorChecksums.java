package hifi.engine.io;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * CRC32C checksums that let a safetensors file prove its integrity, kept in its {@code __metadata__} (string values,
 * which other safetensors readers load and ignore):
 * <ul>
 *   <li>{@value #TENSOR_PREFIX}{@code <name>}: the CRC32C of the tensor's stored bytes, as 8 lower-case hex digits;</li>
 *   <li>{@value #HEADER_KEY}: the CRC32C of the rest of the header — the compact JSON of an object holding
 *       {@code __metadata__} without this entry and each tensor's {@code dtype} and {@code shape}, every key sorted —
 *       so a changed metadata value, tensor name, dtype or shape is caught as well as changed data.</li>
 * </ul>
 * The data offsets need no checksum: the header's tiling check already refuses offsets that do not tile the data.
 */
public final class TensorChecksums {
    /** The metadata key prefix of a tensor's checksum. */
    public static final String TENSOR_PREFIX = "hifi.crc32c.";
    /** The metadata key of the header's checksum. */
    public static final String HEADER_KEY = "hifi.header_crc32c";
    /** A placeholder of the width of every checksum value. */
    static final String PLACEHOLDER = "00000000";

    private static final long CHUNK = 1L << 30;
    private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

    private TensorChecksums() {
    }

    /** The CRC32C of {@code bytes} as 8 lower-case hex digits (long segments are fed in chunks). */
    static String crc32c(MemorySegment bytes) {
        CRC32C crc = new CRC32C();
        long size = bytes.byteSize();
        for (long at = 0; at < size; at += CHUNK) crc.update(bytes.asSlice(at, Math.min(CHUNK, size - at)).asByteBuffer());
        return hex(crc.getValue());
    }

    private static String hex(long crc) {
        return HexFormat.of().toHexDigits((int) crc);
    }

    /** The checksum of the header's content other than {@link #HEADER_KEY} itself (see the class comment). */
    static String headerChecksum(Map<String, String> metadata, Collection<TensorInfo> tensors) {
        Map<String, Object> root = new TreeMap<>();
        Map<String, String> meta = new TreeMap<>(metadata);
        meta.remove(HEADER_KEY);
        root.put(SafetensorsHeader.METADATA_KEY, meta);
        for (TensorInfo t : tensors) {
            Map<String, Object> entry = new TreeMap<>();
            entry.put("dtype", t.dtype().name());
            entry.put("shape", t.shape());
            root.put(t.name(), entry);
        }
        CRC32C crc = new CRC32C();
        crc.update(Json.write(root).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return hex(crc.getValue());
    }

    /** The metadata of a checksummed file: {@code metadata} plus placeholders for every checksum, in key order. */
    static Map<String, String> withPlaceholders(Map<String, String> metadata, Collection<TensorInfo> tensors) {
        Map<String, String> out = new TreeMap<>(metadata);
        for (TensorInfo t : tensors) out.put(TENSOR_PREFIX + t.name(), PLACEHOLDER);
        out.put(HEADER_KEY, PLACEHOLDER);
        return out;
    }

    /** Fills in the checksums of {@code data} (the written data region) into placeholder metadata. */
    static Map<String, String> computed(Map<String, String> placeholders, Collection<TensorInfo> tensors, MemorySegment data) {
        Map<String, String> out = new TreeMap<>(placeholders);
        for (TensorInfo t : tensors) out.put(TENSOR_PREFIX + t.name(), crc32c(data.asSlice(t.begin(), t.byteSize())));
        out.put(HEADER_KEY, headerChecksum(out, tensors));
        return out;
    }

    /**
     * Checks every checksum of a file against its header and data region. Returns {@code false} for a file without
     * checksums (written before they existed, or by another program); throws a {@link ModelFormatException} naming the
     * file and, where one is at fault, the tensor, when anything does not match.
     */
    static boolean verify(Path file, SafetensorsHeader header, MemorySegment data) {
        Map<String, String> meta = header.metadata();
        Map<String, String> recorded = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : meta.entrySet()) {
            if (e.getKey().startsWith(TENSOR_PREFIX)) recorded.put(e.getKey().substring(TENSOR_PREFIX.length()), e.getValue());
        }
        if (recorded.isEmpty() && !meta.containsKey(HEADER_KEY)) return false;
        String headerCrc = meta.get(HEADER_KEY);
        if (headerCrc == null) throw new ModelFormatException(file, "the header lacks its checksum " + HEADER_KEY + " (the header is damaged)");
        String actualHeader = headerChecksum(meta, header.tensors().values());
        if (!actualHeader.equals(headerCrc)) {
            throw new ModelFormatException(file, "header checksum mismatch (CRC32C " + actualHeader + ", recorded " + headerCrc
                    + "): the header's metadata, tensor names, dtypes or shapes were altered; the file is corrupted");
        }
        for (String name : recorded.keySet()) {
            if (!header.tensors().containsKey(name)) {
                throw new ModelFormatException(file, name, "a checksum is recorded for this tensor but the file does not hold it");
            }
        }
        for (TensorInfo t : header.tensors().values()) {
            String expected = recorded.get(t.name());
            if (expected == null) throw new ModelFormatException(file, t.name(), "no checksum is recorded for this tensor");
            String actual = crc32c(data.asSlice(t.begin(), t.byteSize()));
            if (!actual.equals(expected)) {
                throw new ModelFormatException(file, t.name(), "checksum mismatch (CRC32C of the data " + actual + ", recorded "
                        + expected + "): the file is corrupted");
            }
        }
        return true;
    }

    /** Prints, once per file and process, that {@code file} has no checksums and so cannot be verified. */
    static void warnUnverified(Path file) {
        if (WARNED.add(file.toAbsolutePath().normalize())) {
            System.err.println("warning: " + file + " has no checksums (written by another program, or before they existed): its data cannot be verified");
        }
    }
}
