package hifi.convert;

import hifi.engine.io.SafetensorsFile;
import hifi.engine.io.SafetensorsWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static hifi.convert.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of bad input, through the command: exit code 1, one error line naming the file and the tensor, and no
 * output directory, staging or temporary file left behind.
 */
class BadInputTest {
    @TempDir
    Path dir;
    private Path source;
    private Path work;

    @BeforeEach
    void copySource() throws IOException {
        source = dir.resolve("src");
        work = dir.resolve("work");
        Files.createDirectories(work);
        try (Stream<Path> s = Files.list(fixture("tiny-st"))) {
            Files.createDirectories(source);
            for (Path p : s.toList()) Files.copy(p, source.resolve(p.getFileName()));
        }
    }

    private Path weights() {
        return source.resolve("model.safetensors");
    }

    /** Runs the command; asserts failure, the message fragments, and that {@code work} stayed empty. */
    private void assertFails(Path from, String... fragments) throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new Conversion(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(from.toString(), work.resolve("model"), false, false);
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(Conversion.FAILED, rc, message);
        for (String f : fragments) assertTrue(message.contains(f), "expected '" + f + "' in: " + message);
        Fixtures.assertOnlyEntries(work, List.of());
    }

    private void rewriteWeights(Consumer<SafetensorsWriter> edit, List<String> drop) throws IOException {
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsFile f = SafetensorsFile.open(weights())) {
            for (String n : f.names()) {
                if (drop.contains(n) || !f.info(n).dtype().isFloatingPoint()) continue;
                w.putFloats(n, f.readFloats(n), f.info(n).shape());
            }
        }
        edit.accept(w);
        w.write(weights());
    }

    @Test
    void truncatedFile() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(weights().toFile(), "rw")) {
            f.setLength(f.length() - 100);
        }
        assertFails(source, weights().toString(), "tensor \"", "reach past the data region");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(weights().toFile(), "rw")) {
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1 << 20).array());
        }
        assertFails(source, weights().toString(), "reaches past the end");
    }

    @Test
    void overlappingOffsetsAndUnknownDtype() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        writeRaw(header, 12);
        assertFails(source, weights().toString(), "tensor \"b\"", "overlap");
        writeRaw("{\"a\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8);
        assertFails(source, "tensor \"a\"", "unknown dtype \"Q4\"");
        writeRaw("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8000]}}", 8);
        assertFails(source, "tensor \"a\"", "past the data region");
    }

    private void writeRaw(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        Files.write(weights(), ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).array());
    }

    @Test
    void shapeNotMatchingTheConfig() throws IOException {
        Path config = source.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"intermediate_size\": 16", "\"intermediate_size\": 32"));
        assertFails(source, "tensor \"encoder.layer.0.intermediate.dense.weight\"", "does not match the config (expected [32, 8])");
    }

    @Test
    void missingTensor() throws IOException {
        rewriteWeights(w -> { }, List.of("bert.encoder.layer.1.output.LayerNorm.bias"));
        assertFails(source, weights().toString(), "tensor \"encoder.layer.1.output.LayerNorm.bias\"", "missing tensor");
    }

    @Test
    void duplicateTensorUnderTwoNames() throws IOException {
        rewriteWeights(w -> w.putFloats("embeddings.LayerNorm.weight", new float[8], 8), List.of());
        assertFails(source, "embeddings.LayerNorm.weight", "duplicate tensor");
    }

    @Test
    void unexpectedTensor() throws IOException {
        rewriteWeights(w -> w.putFloats("classifier.weight", new float[16], 2, 8), List.of());
        assertFails(source, "tensor \"classifier.weight\"", "unexpected tensor");
    }

    @Test
    void nanAndInfinity() throws IOException {
        float[] bias = new float[8];
        bias[3] = Float.NaN;
        rewriteWeights(w -> w.putFloats("bert.pooler.dense.bias", bias, 8), List.of("bert.pooler.dense.bias"));
        assertFails(source, "tensor \"pooler.dense.bias\"", "NaN at flat index 3 is not finite");
        bias[3] = Float.NEGATIVE_INFINITY;
        rewriteWeights(w -> w.putFloats("bert.pooler.dense.bias", bias, 8), List.of("bert.pooler.dense.bias"));
        assertFails(source, "tensor \"pooler.dense.bias\"", "-Infinity");
    }

    @Test
    void vocabularyNotMatchingTheEmbeddings() throws IOException {
        Files.writeString(source.resolve("vocab.txt"), "[PAD]\n[UNK]\n");
        assertFails(source, "2 tokens but the embedding table has 30 rows");
    }

    @Test
    void forbiddenPickleGlobal() throws IOException {
        Files.delete(weights());
        Files.copy(fixture("evil-os-system.bin"), source.resolve("pytorch_model.bin"));
        assertFails(source, "pytorch_model.bin", "refusing global posix.system");
    }

    @Test
    void truncatedZipAndOnnxAndMissingSource() throws IOException {
        Path bin = dir.resolve("cut/pytorch_model.bin");
        Files.createDirectories(bin.getParent());
        byte[] full = Files.readAllBytes(fixture("tiny-pt/pytorch_model.bin"));
        Files.write(bin, java.util.Arrays.copyOf(full, full.length / 2));
        assertFails(bin, bin.toString());
        Path onnx = dir.resolve("cut/model.onnx");
        byte[] model = Files.readAllBytes(fixture("tiny-onnx/tiny.onnx"));
        Files.write(onnx, java.util.Arrays.copyOf(model, model.length - 1000));
        Files.delete(bin);
        assertFails(onnx, onnx.toString(), "truncated");
        assertFails(dir.resolve("nope"), "does not exist");
    }

    @Test
    void existingOutputIsKeptWithoutForce() throws IOException {
        Path out = work.resolve("model");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        int rc = new Conversion(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))
                .run(source.toString(), out, false, false);
        assertEquals(Conversion.FAILED, rc);
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
        rc = new Conversion(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))
                .run(source.toString(), out, true, false);
        assertEquals(Conversion.OK, rc);
        Fixtures.assertOnlyEntries(out, List.of("config.json", "model.safetensors", "tokenizer_config.json", "vocab.txt"));
        Fixtures.assertOnlyEntries(work, List.of("model"));
    }
}
