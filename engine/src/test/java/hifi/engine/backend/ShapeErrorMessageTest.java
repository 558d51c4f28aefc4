package hifi.engine.backend;

import hifi.engine.runtime.Activation;
import hifi.engine.tensor.ShapeException;
import hifi.engine.tensor.Tensor;
import hifi.engine.testing.TestBackends;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad arguments fail before any work, with a message naming the op and the shapes (or the bad id/label/p). */
class ShapeErrorMessageTest {
    static List<Backend> backends() {
        return TestBackends.referenceAndSimd();
    }

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String... fragments) {
        String message = assertThrows(type, call).getMessage();
        for (String f : fragments) assertTrue(message.contains(f), "message \"" + message + "\" lacks \"" + f + "\"");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void shapeMismatchesNameOpAndShapes(Backend be) {
        Tensor a = Tensor.zeros(2, 3), b = Tensor.zeros(3, 2);
        assertMessage(ShapeException.class, () -> be.add(a, b, a), "add", "[2, 3]", "[3, 2]");
        assertMessage(ShapeException.class, () -> be.axpy(1f, a, b), "axpy", "[2, 3]", "[3, 2]");
        assertMessage(ShapeException.class, () -> be.copy(a, b), "copy", "[2, 3]", "[3, 2]");
        assertMessage(ShapeException.class, () -> be.gemm(a, false, a, false, Tensor.zeros(2, 3), 1f, false, null), "gemm", "[2, 3]");
        assertMessage(ShapeException.class, () -> be.softmax(Tensor.zeros(2, 4, 5), Tensor.zeros(2, 4)), "softmax", "[2, 4, 5]", "[2, 4]");
        assertMessage(ShapeException.class, () -> be.softmaxBackward(a, a, b), "softmaxBackward", "[3, 2]");
        assertMessage(ShapeException.class, () -> be.layerNorm(a, Tensor.zeros(2), Tensor.zeros(3), 1e-5f, a, Tensor.zeros(2), Tensor.zeros(2)),
                "layerNorm", "[2]", "[2, 3]");
        assertMessage(ShapeException.class, () -> be.layerNormBackward(a, a, Tensor.zeros(3), Tensor.zeros(2), Tensor.zeros(2), a, Tensor.zeros(4), null),
                "layerNormBackward", "[4]", "[2, 3]");
        assertMessage(ShapeException.class, () -> be.activation(Activation.GELU, a, b), "activation GELU", "[2, 3]", "[3, 2]");
        assertMessage(ShapeException.class, () -> be.dropout(a, b, 0.1f, 1), "dropout", "[3, 2]");
        assertMessage(ShapeException.class, () -> be.embedding(Tensor.zeros(5, 3), new int[] {1, 2}, Tensor.zeros(2, 4)), "embedding", "[5, 3]", "[2, 4]");
        assertMessage(ShapeException.class, () -> be.crossEntropy(a, new int[] {0, 1, 2}, null), "crossEntropy", "[2, 3]");
        assertMessage(ShapeException.class, () -> be.mse(a, new float[6], null), "mse", "[2, 3]");
        assertMessage(ShapeException.class, () -> be.columnSums(a, Tensor.zeros(2)), "columnSums", "[2]", "[2, 3]");
        assertMessage(ShapeException.class, () -> be.softmax(Tensor.zeros(4, 3).permute(1, 0), null), "softmax", "contiguous");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void badValuesNameTheValueAndWhere(Backend be) {
        assertMessage(IllegalArgumentException.class, () -> be.embedding(Tensor.zeros(5, 3), new int[] {1, 5}, Tensor.zeros(2, 3)),
                "embedding", "id 5", "position 1", "5 rows");
        assertMessage(IllegalArgumentException.class, () -> be.embeddingBackward(Tensor.zeros(1, 3), new int[] {-1}, Tensor.zeros(5, 3)),
                "embeddingBackward", "id -1");
        assertMessage(IllegalArgumentException.class, () -> be.crossEntropy(Tensor.zeros(2, 3), new int[] {0, 3}, null),
                "crossEntropy", "label 3", "row 1");
        assertMessage(IllegalArgumentException.class, () -> be.dropout(Tensor.zeros(2), Tensor.zeros(2), 1f, 1), "dropout", "1.0");
        assertMessage(IllegalArgumentException.class, () -> be.activationBackward(Activation.TANH, Tensor.zeros(2), null, Tensor.zeros(2), Tensor.zeros(2)),
                "TANH", "needs y");
    }
}
