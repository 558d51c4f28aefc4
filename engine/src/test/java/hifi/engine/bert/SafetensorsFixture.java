package hifi.engine.bert;

import hifi.engine.io.Json;
import hifi.engine.tensor.Tensor;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal, test-only reader for the small fixture files written by {@code make_bert_fixtures.py}: F32 tensors become
 * {@link Tensor}s, I64 tensors {@code long[]}. (The production reader lives in {@code hifi.engine.io}.)
 */
final class SafetensorsFixture {
    final Map<String, Tensor> floats = new LinkedHashMap<>();
    final Map<String, long[]> longs = new LinkedHashMap<>();

    static Path resource(String path) {
        try {
            var url = SafetensorsFixture.class.getResource(path);
            if (url == null) throw new IllegalStateException("test resource " + path + " not found (run make_bert_fixtures.py)");
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SafetensorsFixture read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = (int) buf.getLong(0);
        Map<String, Object> header = Json.parseObject(new String(buf.array(), 8, headerLen, StandardCharsets.UTF_8));
        SafetensorsFixture f = new SafetensorsFixture();
        int base = 8 + headerLen;
        for (var e : header.entrySet()) {
            if (e.getKey().equals("__metadata__")) continue;
            @SuppressWarnings("unchecked") Map<String, Object> info = (Map<String, Object>) e.getValue();
            @SuppressWarnings("unchecked") List<Object> shapeList = (List<Object>) info.get("shape");
            @SuppressWarnings("unchecked") List<Object> offs = (List<Object>) info.get("data_offsets");
            int[] shape = shapeList.stream().mapToInt(o -> ((Long) o).intValue()).toArray();
            int begin = base + ((Long) offs.get(0)).intValue(), end = base + ((Long) offs.get(1)).intValue();
            switch ((String) info.get("dtype")) {
                case "F32" -> {
                    float[] d = new float[(end - begin) / 4];
                    for (int i = 0; i < d.length; i++) d[i] = buf.getFloat(begin + 4 * i);
                    f.floats.put(e.getKey(), Tensor.of(d, shape));
                }
                case "I64" -> {
                    long[] d = new long[(end - begin) / 8];
                    for (int i = 0; i < d.length; i++) d[i] = buf.getLong(begin + 8 * i);
                    f.longs.put(e.getKey(), d);
                }
                default -> throw new IllegalStateException(file + ": dtype " + info.get("dtype") + " of " + e.getKey() + " not supported by the fixture reader");
            }
        }
        return f;
    }

    Tensor tensor(String name) {
        Tensor t = floats.get(name);
        if (t == null) throw new IllegalStateException("fixture has no F32 tensor " + name);
        return t;
    }

    int[] ints(String name) {
        long[] v = longs.get(name);
        if (v == null) throw new IllegalStateException("fixture has no I64 tensor " + name);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Math.toIntExact(v[i]);
        return out;
    }
}
