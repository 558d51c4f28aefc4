package hifi.convert;

import ai.onnxruntime.OrtException;
import hifi.engine.backend.Backends;
import hifi.engine.data.Batch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Forward parity of all-MiniLM-L6-v2 (6 layers) against ONNX Runtime (see {@link AbstractForwardParityTest}), plus the
 * golden values of docs/assets-and-peers.md §5.2.
 */
class MiniLmForwardParityTest extends AbstractForwardParityTest {
    private static final String CAPITAL = "The capital of France is Paris.";

    @Override
    Path jar() {
        return Fixtures.miniLmJar();
    }

    @Override
    String onnxEntry() {
        return "all-minilm-l6-v2.onnx";
    }

    /**
     * {@code last_hidden_state} for "The capital of France is Paris." as ONNX Runtime gave it (and a PyTorch
     * re-implementation matched) when the values were recorded in docs/assets-and-peers.md §5.2; today's ORT run is
     * held to them as well.
     */
    @ParameterizedTest
    @ValueSource(strings = {"simd", "reference"})
    void goldenValuesForTheCapitalOfFrance(String backend) throws OrtException {
        assertArrayEquals(new int[] {101, 1996, 3007, 1997, 2605, 2003, 3000, 1012, 102},
                parity.tokenizer().encode(CAPITAL).ids());
        Batch single = parity.encode(List.of(CAPITAL));
        for (float[][][] h : List.of(parity.engine(Backends.byName(backend), single), parity.onnxRuntime(single))) {
            assertArrayEquals(new float[] {0.350431f, 0.089584f, 0.398606f, -0.278652f}, Arrays.copyOf(h[0][0], 4), 1e-5f, "h[0][0][0..3]");
            assertArrayEquals(new float[] {0.455663f, 0.026984f, 0.282226f, 0.017201f}, Arrays.copyOf(h[0][8], 4), 1e-5f, "h[0][8][0..3]");
        }
    }
}
