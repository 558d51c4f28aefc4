package hifi.convert.pickle;

import com.code_intelligence.jazzer.junit.FuzzTest;
import hifi.engine.io.ModelFormatException;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing (Jazzer) of the restricted unpickler: any byte string either unpickles or fails with
 * {@link ModelFormatException} naming the file. Seeds (in {@code SafeUnpicklerJazzerFuzzTestInputs/}) are the state-dict
 * pickles of two committed torch checkpoints and the three "evil" pickles the allow-list must refuse. A plain
 * {@code mvn test -Dtest=...} replays the seeds; the {@code jazzer-fuzz} profile (active in {@code mvn verify}) fuzzes.
 */
class SafeUnpicklerJazzerFuzzTest {
    private static final Path FILE = Path.of("fuzzed", "data.pkl");

    @FuzzTest(maxDuration = "9s")
    void pickleLoadsOrFailsWithModelFormatException(byte[] pickle) {
        try {
            SafeUnpickler.load(FILE, pickle);
        } catch (ModelFormatException expected) {
            assertTrue(expected.getMessage().startsWith(FILE.toString()), expected.getMessage());
        }
    }
}
