package hifi.engine.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed and validated JSON header of a safetensors file: the optional {@code __metadata__} string map and one
 * {@link TensorInfo} per tensor, in header order.
 *
 * <p>Validation follows the format's rules strictly: UTF-8 JSON object; each tensor entry has exactly {@code dtype},
 * {@code shape} and {@code data_offsets}; the dtype is known; dimensions and offsets are non-negative integers;
 * {@code end - begin == numel * dtype size}; the ranges lie inside the data region, do not overlap, and tile it
 * without gaps (as the reference implementation requires). Names are unique (a duplicate key is a JSON error).
 */
public record SafetensorsHeader(Map<String, String> metadata, Map<String, TensorInfo> tensors) {
    /** The key of the free-form string map in a header. */
    public static final String METADATA_KEY = "__metadata__";

    public SafetensorsHeader {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /**
     * Parses {@code json} (the header bytes, trailing spaces allowed) and checks it against a data region of
     * {@code dataSize} bytes. {@code file} only labels error messages.
     */
    public static SafetensorsHeader parse(Path file, byte[] json, long dataSize) {
        String text = decodeUtf8(file, json);
        Map<String, Object> root;
        try {
            root = Json.parseObject(text);
        } catch (Json.JsonException e) {
            throw new ModelFormatException(file, "safetensors header is not valid JSON: " + e.getMessage());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : root.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                metadata.putAll(parseMetadata(file, e.getValue()));
            } else {
                tensors.put(e.getKey(), parseEntry(file, e.getKey(), e.getValue(), dataSize));
            }
        }
        checkTiling(file, tensors.values(), dataSize);
        return new SafetensorsHeader(metadata, tensors);
    }

    private static String decodeUtf8(Path file, byte[] json) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json)).toString().stripTrailing();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(file, "safetensors header is not valid UTF-8");
        }
    }

    private static Map<String, String> parseMetadata(Path file, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new ModelFormatException(file, METADATA_KEY + " must be an object of strings, got " + Json.typeName(value));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new ModelFormatException(file, METADATA_KEY + " entry \"" + e.getKey() + "\" must be a string, got "
                        + Json.typeName(e.getValue()));
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    private static TensorInfo parseEntry(Path file, String name, Object value, long dataSize) {
        if (!(value instanceof Map<?, ?> entry)) {
            throw new ModelFormatException(file, name, "header entry must be an object, got " + Json.typeName(value));
        }
        for (Object key : entry.keySet()) {
            if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
                throw new ModelFormatException(file, name, "unexpected header field \"" + key + "\"");
            }
        }
        if (!(entry.get("dtype") instanceof String dtypeName)) {
            throw new ModelFormatException(file, name, "missing or non-string \"dtype\"");
        }
        DType dtype = DType.byName(dtypeName);
        if (dtype == null) throw new ModelFormatException(file, name, "unknown dtype \"" + dtypeName + "\"");
        long[] shape = longs(file, name, "shape", entry.get("shape"), -1);
        long[] offsets = longs(file, name, "data_offsets", entry.get("data_offsets"), 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) throw new ModelFormatException(file, name, "data_offsets [" + begin + ", " + end + "] run backwards");
        if (end > dataSize) {
            throw new ModelFormatException(file, name, "data_offsets [" + begin + ", " + end + "] reach past the data region of "
                    + dataSize + " bytes (file truncated?)");
        }
        long expected;
        try {
            long numel = 1;
            for (long d : shape) numel = Math.multiplyExact(numel, d);
            expected = Math.multiplyExact(numel, (long) dtype.bytes());
        } catch (ArithmeticException e) {
            throw new ModelFormatException(file, name, "shape " + java.util.Arrays.toString(shape) + " overflows");
        }
        if (end - begin != expected) {
            throw new ModelFormatException(file, name, "shape " + java.util.Arrays.toString(shape) + " of " + dtype + " needs "
                    + expected + " bytes but data_offsets [" + begin + ", " + end + "] hold " + (end - begin));
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static long[] longs(Path file, String name, String field, Object value, int requiredLength) {
        if (!(value instanceof List<?> list)) {
            throw new ModelFormatException(file, name, "missing or non-array \"" + field + "\"");
        }
        if (requiredLength >= 0 && list.size() != requiredLength) {
            throw new ModelFormatException(file, name, "\"" + field + "\" must have " + requiredLength + " entries, has " + list.size());
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v) || v < 0) {
                throw new ModelFormatException(file, name, "\"" + field + "\" must hold non-negative integers, found " + list.get(i));
            }
            out[i] = v;
        }
        return out;
    }

    /** The byte ranges, sorted, must tile {@code [0, dataSize)}: no overlap, no gap, nothing after the last tensor. */
    private static void checkTiling(Path file, java.util.Collection<TensorInfo> infos, long dataSize) {
        List<TensorInfo> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long expectedBegin = 0;
        TensorInfo previous = null;
        for (TensorInfo t : sorted) {
            if (t.begin() < expectedBegin) {
                throw new ModelFormatException(file, t.name(), "data_offsets [" + t.begin() + ", " + t.end()
                        + "] overlap tensor \"" + previous.name() + "\" [" + previous.begin() + ", " + previous.end() + "]");
            }
            if (t.begin() > expectedBegin) {
                throw new ModelFormatException(file, t.name(), "gap of " + (t.begin() - expectedBegin)
                        + " unused bytes before data_offsets [" + t.begin() + ", " + t.end() + "]");
            }
            expectedBegin = t.end();
            previous = t;
        }
        if (expectedBegin != dataSize) {
            throw new ModelFormatException(file, "data region holds " + dataSize + " bytes but the tensors cover only "
                    + expectedBegin + " (trailing bytes or a corrupt header)");
        }
    }
}
