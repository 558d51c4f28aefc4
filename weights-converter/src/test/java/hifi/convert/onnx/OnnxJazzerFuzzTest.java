package hifi.convert.onnx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import hifi.engine.io.ModelFormatException;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing (Jazzer) of the ONNX reader: protobuf wire format ({@code ProtoReader}), the graph
 * ({@link OnnxGraph}) and the BERT weight recovery ({@link OnnxBertReader}). Any byte string either reads or fails with
 * {@link ModelFormatException} naming the file. The seed in {@code OnnxJazzerFuzzTestInputs/} is the committed tiny
 * BERT ONNX fixture. A plain {@code mvn test -Dtest=...} replays the seeds; the {@code jazzer-fuzz} profile (active in
 * {@code mvn verify}) fuzzes.
 */
class OnnxJazzerFuzzTest {
    private static final Path FILE = Path.of("fuzzed.onnx");

    @FuzzTest(maxDuration = "9s")
    void modelReadsOrFailsWithModelFormatException(byte[] model) {
        try {
            OnnxBertReader.read(OnnxGraph.parse(FILE, MemorySegment.ofArray(model)));
        } catch (ModelFormatException expected) {
            assertTrue(expected.getMessage().startsWith(FILE.toString()), expected.getMessage());
        }
    }
}
