package hifi.convert.tf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import hifi.engine.io.ModelFormatException;

import java.nio.file.Path;
import java.util.LinkedHashMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing (Jazzer) of the TF bundle index: the SSTable (footer, block handles, restart points, key
 * prefix compression, CRCs), the bundle header and every BundleEntryProto. Any byte string either parses or fails with
 * {@link ModelFormatException} naming the file. The seed in {@code TensorBundleJazzerFuzzTestInputs/} is a small valid
 * index written by {@link TensorBundleWriter}. A plain {@code mvn test -Dtest=...} replays the seeds; the
 * {@code jazzer-fuzz} profile (active in {@code mvn verify}) fuzzes.
 */
class TensorBundleJazzerFuzzTest {
    private static final Path INDEX = Path.of("fuzzed", "variables.index");

    @FuzzTest(maxDuration = "9s")
    void indexParsesOrFailsWithModelFormatException(byte[] index) {
        try {
            int shards = TensorBundle.parseIndex(INDEX, index, new LinkedHashMap<>());
            assertTrue(shards >= 1, "accepted " + shards + " shards");
        } catch (ModelFormatException expected) {
            assertTrue(expected.getMessage().startsWith(INDEX.toString()), expected.getMessage());
        }
    }
}
