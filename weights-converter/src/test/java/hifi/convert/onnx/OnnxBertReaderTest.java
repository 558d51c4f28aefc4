package hifi.convert.onnx;

import hifi.convert.model.StateDict;
import hifi.engine.io.ModelFormatException;
import hifi.engine.io.Mutations;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static hifi.convert.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The tiny BERT exported by torch.onnx (opset 11, constant folding: anonymous MatMul weights stored [in, out]). */
class OnnxBertReaderTest {
    @Test
    void everyAnonymousMatMulWeightIsNamedAndTransposed() throws IOException {
        Path file = fixture("tiny-onnx/tiny.onnx");
        OnnxBertReader.Result r = OnnxBertReader.read(file);
        StateDict t = r.tensors();
        for (int layer = 0; layer < 2; layer++) {
            for (String q : new String[] {"attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"}) {
                assertArrayEquals(new int[] {8, 8}, t.get("encoder.layer." + layer + "." + q + ".weight").shape(), q);
            }
            assertArrayEquals(new int[] {16, 8}, t.get("encoder.layer." + layer + ".intermediate.dense.weight").shape());
            assertArrayEquals(new int[] {8, 16}, t.get("encoder.layer." + layer + ".output.dense.weight").shape());
        }
        assertTrue(t.names().stream().noneMatch(n -> n.startsWith("onnx::")), "no anonymous names left: " + t.names());
        assertEquals(2, r.heads(), "heads from the Reshape constants");
        assertEquals(1e-12, r.eps(), 0.0);
    }

    @Test
    void mutatedModelsFailOnlyWithModelFormatException() throws IOException {
        Path file = fixture("tiny-onnx/tiny.onnx");
        byte[] original = Files.readAllBytes(file);
        Random random = new Random(1234);
        int accepted = 0;
        int cases = 3_000;
        for (int c = 0; c < cases; c++) {
            byte[] mutated = Mutations.mutate(original, random, 64);
            try {
                OnnxBertReader.read(OnnxGraph.parse(file, MemorySegment.ofArray(mutated)));
                accepted++;
            } catch (ModelFormatException expected) {
                assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                fail("case " + c + " escaped with " + e, e);
            }
        }
        assertTrue(accepted > 0 && accepted < cases, "mutations should both pass and fail (accepted " + accepted + ")");
    }

    @Test
    void notAnOnnxModel() {
        Path f = Path.of("empty.onnx");
        ModelFormatException e = org.junit.jupiter.api.Assertions.assertThrows(ModelFormatException.class,
                () -> OnnxGraph.parse(f, MemorySegment.ofArray(new byte[] {8, 6})));
        assertTrue(e.getMessage().contains("no graph"), e.getMessage());
    }
}
