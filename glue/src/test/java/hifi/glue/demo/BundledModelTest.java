package hifi.glue.demo;

import hifi.engine.bert.BertConfig;
import hifi.engine.tokenizer.BertTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's model: all-MiniLM-L6-v2 from the Maven jar on the class path, converted once into the cache. */
class BundledModelTest {

    @Test
    void convertsTheClassPathModelOnceAndReusesIt(@TempDir Path cache) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        Path dir = BundledModel.ensure(cache, out);
        assertEquals(cache.resolve(BundledModel.NAME), dir);
        BertConfig c = BertConfig.load(dir.resolve("config.json"));
        assertEquals(6, c.numHiddenLayers());
        assertEquals(12, c.numAttentionHeads());
        assertEquals(384, c.hiddenSize());
        // [CLS] hello world [SEP] in the uncased BERT vocabulary all-MiniLM-L6-v2 uses
        assertArrayEquals(new int[] {101, 7592, 2088, 102}, BertTokenizer.fromModelDirectory(dir).encode("Hello world").ids());
        try (var left = Files.list(cache)) {
            assertEquals(1, left.count(), "no staging folder is left behind");
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("converting"), log.toString(StandardCharsets.UTF_8));

        FileTime written = Files.getLastModifiedTime(dir.resolve("model.safetensors"));
        log.reset();
        assertEquals(dir, BundledModel.ensure(cache, out));
        assertEquals(written, Files.getLastModifiedTime(dir.resolve("model.safetensors")), "the cached copy is reused");
        assertEquals("", log.toString(StandardCharsets.UTF_8), "nothing is converted the second time");
    }

    @Test
    void anIncompleteCacheEntryIsConvertedAgain(@TempDir Path cache) throws IOException {
        Files.createDirectories(cache.resolve(BundledModel.NAME));
        Files.writeString(cache.resolve(BundledModel.NAME).resolve("config.json"), "{}");
        assertTrue(!BundledModel.isComplete(cache.resolve(BundledModel.NAME)));
        Path dir = BundledModel.ensure(cache, new PrintStream(new ByteArrayOutputStream()));
        assertTrue(BundledModel.isComplete(dir));
    }
}
