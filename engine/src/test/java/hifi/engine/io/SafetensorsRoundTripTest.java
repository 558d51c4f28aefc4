package hifi.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void writtenTensorsReadBackExactly() throws IOException {
        Random r = new Random(1);
        float[] w = new float[7 * 5];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        w[3] = Float.MIN_VALUE;
        w[4] = -0.0f;
        float[] b = {1.5f, -2.25f, 3e-20f, 7e30f, 0f};
        long[] ids = {101, 2023, 102, Long.MAX_VALUE, -1};
        int[] mask = {1, 1, 1, 0, 0, 0};
        Path file = dir.resolve("m.safetensors");
        new SafetensorsWriter()
                .putFloats("layer.weight", w, 7, 5)
                .putFloats("layer.bias", b, 5)
                .putLongs("input_ids", ids, 1, 5)
                .putInts("attention_mask", mask, 2, 3)
                .putFloats("scalar", new float[] {42f}, new long[0])
                .putFloats("empty", new float[0], 0, 4)
                .metadata("format", "pt")
                .write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(Map.of("format", "pt"), f.metadata());
            assertEquals(6, f.names().size());
            assertArrayEquals(w, f.readFloats("layer.weight"));
            assertArrayEquals(new long[] {7, 5}, f.info("layer.weight").shape());
            assertEquals(DType.F32, f.info("layer.weight").dtype());
            assertArrayEquals(b, f.readFloats("layer.bias"));
            assertArrayEquals(ids, f.readLongs("input_ids"));
            assertEquals(DType.I64, f.info("input_ids").dtype());
            assertArrayEquals(mask, f.readInts("attention_mask"));
            assertArrayEquals(new float[] {42f}, f.readFloats("scalar"));
            assertArrayEquals(new long[0], f.info("scalar").shape());
            assertEquals(0, f.readFloats("empty").length);
            assertArrayEquals(new int[] {7, 5}, f.readTensor("layer.weight").shape());
            assertEquals(w[12], f.readTensor("layer.weight").get(2, 2));
        }
    }

    @Test
    void bytesAreDeterministicAndIndependentOfInsertionOrder() throws IOException {
        float[] a = {1, 2, 3};
        float[] c = {4, 5};
        long[] l = {9};
        Path one = dir.resolve("one.safetensors");
        Path two = dir.resolve("two.safetensors");
        new SafetensorsWriter().putFloats("b", a, 3).putFloats("a", c, 2).putLongs("z", l, 1).metadata("k", "v").write(one);
        new SafetensorsWriter().metadata("k", "v").putLongs("z", l, 1).putFloats("a", c, 2).putFloats("b", a, 3).write(two);
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
        // Layout: 8-byte I64 first, then F32 by name; header padded with spaces to a multiple of 8.
        byte[] bytes = Files.readAllBytes(one);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, n % 8);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals("{\"__metadata__\":{\"k\":\"v\"},\"z\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[16,28]}}", header.stripTrailing());
        assertEquals(8 + n + 28, bytes.length);
        assertEquals(4f, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat((int) (8 + n + 8)));
    }

    @Test
    void halfAndBfloat16WidenExactly() throws IOException {
        // Hand-assembled file: F16 [1.0, -2.0, 65504, 2^-24] and BF16 [1.0, -0.5, 3.140625].
        short[] f16 = {0x3C00, (short) 0xC000, 0x7BFF, 0x0001};
        short[] bf16 = {0x3F80, (short) 0xBF00, 0x4049};
        String json = "{\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[8,14]}}";
        ByteBuffer buf = SafetensorsBytes.file(json, 14);
        for (short s : f16) buf.putShort(s);
        for (short s : bf16) buf.putShort(s);
        Path file = SafetensorsBytes.save(dir.resolve("half.safetensors"), buf);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertArrayEquals(new float[] {1f, -2f, 65504f, (float) Math.pow(2, -24)}, f.readFloats("h"));
            assertArrayEquals(new float[] {1f, -0.5f, 3.140625f}, f.readFloats("b"));
            assertEquals(List.of("h", "b"), f.names());
        }
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaries() throws IOException {
        Path file = dir.resolve("w.safetensors");
        new SafetensorsWriter().putFloats("x", new float[] {1}, 1).write(file);
        new SafetensorsWriter().putFloats("y", new float[] {2, 3}, 2).write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(List.of("y"), f.names());
        }
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList());
        }
    }

    @Test
    void modelDirectoryWritesAllFilesAndReadsThemBack() throws IOException {
        Path out = dir.resolve("model");
        SafetensorsWriter w = new SafetensorsWriter().putFloats("embeddings.word_embeddings.weight", new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        ModelDirectory.write(out, false, Map.of("model_type", "bert", "hidden_size", 2L), w,
                List.of("[PAD]", "[UNK]", "hello"), ModelDirectory.tokenizerConfig(false, 128));
        ModelDirectory m = ModelDirectory.open(out);
        assertEquals("bert", m.config().get("model_type"));
        assertEquals(2L, m.config().get("hidden_size"));
        assertFalse(m.doLowerCase());
        assertEquals(128, m.modelMaxLength());
        assertEquals(List.of("[PAD]", "[UNK]", "hello"), m.vocab());
        try (SafetensorsFile f = m.openWeights()) {
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, f.readFloats("embeddings.word_embeddings.weight"));
        }
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(out), listing.toList(), "no temporary directory may be left behind");
        }
        assertTrue(Files.isDirectory(out));
    }
}
