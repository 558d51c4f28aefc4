package hifi.engine.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing (Jazzer) of the safetensors header parser: any byte string either parses, and then every
 * tensor's range lies inside the input, or fails with {@link ModelFormatException} naming the file. Seeds are small valid
 * files in {@code SafetensorsJazzerFuzzTestInputs/}. A plain {@code mvn test -Dtest=...} replays the seeds; the
 * {@code jazzer-fuzz} profile (active in {@code mvn verify}) fuzzes for {@code maxDuration}.
 */
class SafetensorsJazzerFuzzTest {
    private static final Path FILE = Path.of("fuzzed.safetensors");

    @FuzzTest(maxDuration = "9s")
    void headerParsesOrFailsWithModelFormatException(byte[] input) {
        try {
            SafetensorsHeader header = SafetensorsFile.parseHeader(FILE, MemorySegment.ofArray(input));
            long dataStart = 8 + MemorySegment.ofArray(input).get(SafetensorsFile.I64_LE, 0);
            for (TensorInfo t : header.tensors().values()) {
                assertTrue(dataStart + t.end() <= input.length, "accepted a range outside the file: " + t);
            }
        } catch (ModelFormatException expected) {
            assertTrue(expected.getMessage().startsWith(FILE.toString()), expected.getMessage());
        }
    }
}
