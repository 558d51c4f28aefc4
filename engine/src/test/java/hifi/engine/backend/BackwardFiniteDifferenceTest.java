package hifi.engine.backend;

import hifi.engine.runtime.Activation;
import hifi.engine.tensor.Tensor;
import hifi.engine.testing.FiniteDifference;
import hifi.engine.testing.RandomTensors;
import hifi.engine.testing.TestBackends;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Every backward pass against central finite differences of its own forward pass, on both the reference and the SIMD
 * backend. Each check uses a scalar loss {@code L = Σ w ⊙ op(inputs)} with fixed random weights {@code w} (or the
 * op's own loss for cross-entropy and MSE), so the analytic gradient is the backward applied to {@code dy = w}.
 *
 * <p>Tolerance: the forward runs in float; with step {@code h = 1e-2} the truncation error ({@code h²/6 · L'''}) and
 * the rounding noise ({@code ε·|L|/h}, |L| ≲ 10) both stay around 1e-4, so gradients (of order 1) must agree within
 * {@code 2e-3 + 1e-2 · |numerical|}.
 */
class BackwardFiniteDifferenceTest {
    private static final double H = 1e-2, RTOL = 1e-2, ATOL = 2e-3;

    static List<Backend> backends() {
        return TestBackends.referenceAndSimd();
    }

    private static void check(String what, Tensor param, Tensor analytic, DoubleSupplier loss) {
        FiniteDifference.assertGradient(analytic, FiniteDifference.gradient(param, H, loss), RTOL, ATOL, what);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void softmaxWithMask(Backend be) {
        Tensor x = RandomTensors.normal(1, 1.5f, 2, 3, 9), w = RandomTensors.normal(2, 1f, 2, 3, 9);
        Tensor mask = Tensor.zeros(2, 9);
        mask.set(-1e4f, 1, 8);
        mask.set(-1e4f, 1, 7);
        Tensor y = x.copy();
        be.softmax(y, mask);
        Tensor dx = Tensor.zeros(2, 3, 9);
        be.softmaxBackward(y, w, dx);
        check(be.name() + " softmax dx", x, dx, () -> {
            Tensor t = x.copy();
            be.softmax(t, mask);
            return FiniteDifference.weightedSum(w, t);
        });
    }

    @ParameterizedTest
    @MethodSource("backends")
    void layerNormInputScaleAndShift(Backend be) {
        int rows = 3, c = 11;
        Tensor x = RandomTensors.normal(3, 1f, rows, c), w = RandomTensors.normal(4, 1f, rows, c);
        Tensor gamma = RandomTensors.normal(5, 1f, c), beta = RandomTensors.normal(6, 1f, c);
        Tensor mean = Tensor.zeros(rows), rstd = Tensor.zeros(rows), y = Tensor.zeros(rows, c);
        be.layerNorm(x, gamma, beta, 1e-5f, y, mean, rstd);
        Tensor dx = Tensor.zeros(rows, c), dgamma = Tensor.zeros(c), dbeta = Tensor.zeros(c);
        be.layerNormBackward(w, x, gamma, mean, rstd, dx, dgamma, dbeta);
        DoubleSupplier loss = () -> {
            Tensor out = Tensor.zeros(rows, c);
            be.layerNorm(x, gamma, beta, 1e-5f, out, Tensor.zeros(rows), Tensor.zeros(rows));
            return FiniteDifference.weightedSum(w, out);
        };
        check(be.name() + " layerNorm dx", x, dx, loss);
        check(be.name() + " layerNorm dgamma", gamma, dgamma, loss);
        check(be.name() + " layerNorm dbeta", beta, dbeta, loss);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void everyActivation(Backend be) {
        for (Activation act : Activation.values()) {
            Tensor x = RandomTensors.normal(7, 2f, 4, 9), w = RandomTensors.normal(8, 1f, 4, 9);
            // ReLU has a kink at 0: keep every input at least 5h away from it.
            float[] xd = x.data();
            for (int i = 0; i < xd.length; i++) if (Math.abs(xd[i]) < 5 * H) xd[i] = (float) (xd[i] < 0 ? -0.1 : 0.1);
            Tensor y = Tensor.zeros(4, 9), dx = Tensor.zeros(4, 9);
            be.activation(act, x, y);
            be.activationBackward(act, x, y, w, dx);
            check(be.name() + " " + act + " dx", x, dx, () -> {
                Tensor out = Tensor.zeros(4, 9);
                be.activation(act, x, out);
                return FiniteDifference.weightedSum(w, out);
            });
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void dropout(Backend be) {
        Tensor x = RandomTensors.normal(9, 1f, 5, 7), w = RandomTensors.normal(10, 1f, 5, 7), dx = Tensor.zeros(5, 7);
        be.dropoutBackward(w, dx, 0.3f, 77);
        check(be.name() + " dropout dx", x, dx, () -> {
            Tensor out = Tensor.zeros(5, 7);
            be.dropout(x, out, 0.3f, 77);
            return FiniteDifference.weightedSum(w, out);
        });
    }

    @ParameterizedTest
    @MethodSource("backends")
    void embeddingTable(Backend be) {
        int[] ids = {3, 0, 3, 4, 3};
        Tensor table = RandomTensors.normal(11, 1f, 6, 5), w = RandomTensors.normal(12, 1f, ids.length, 5);
        Tensor dTable = Tensor.zeros(6, 5);
        be.embeddingBackward(w, ids, dTable);
        check(be.name() + " embedding dTable", table, dTable, () -> {
            Tensor out = Tensor.zeros(ids.length, 5);
            be.embedding(table, ids, out);
            return FiniteDifference.weightedSum(w, out);
        });
    }

    @ParameterizedTest
    @MethodSource("backends")
    void crossEntropyAndMse(Backend be) {
        int[] labels = {2, 0, 4, 4};
        Tensor logits = RandomTensors.normal(13, 2f, 4, 5), dLogits = Tensor.zeros(4, 5);
        be.crossEntropy(logits, labels, dLogits);
        check(be.name() + " crossEntropy dLogits", logits, dLogits, () -> be.crossEntropy(logits, labels, null));

        float[] targets = RandomTensors.normal(14, 1f, 6).toArray();
        Tensor pred = RandomTensors.normal(15, 1f, 6, 1), dPred = Tensor.zeros(6, 1);
        be.mse(pred, targets, dPred);
        check(be.name() + " mse dPred", pred, dPred, () -> be.mse(pred, targets, null));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void columnSumsAndAdd(Backend be) {
        Tensor x = RandomTensors.normal(16, 1f, 2, 3, 6), w = RandomTensors.normal(17, 1f, 6);
        Tensor broadcastW = Tensor.zeros(2, 3, 6);
        for (int r = 0; r < 6; r++) broadcastW.view(6, 6).select(0, r).copyFrom(w);
        check(be.name() + " columnSums dx", x, broadcastW, () -> {
            Tensor out = Tensor.zeros(6);
            be.columnSums(x, out);
            return FiniteDifference.weightedSum(w, out);
        });
        Tensor a = RandomTensors.normal(18, 1f, 3, 4), b = RandomTensors.normal(19, 1f, 3, 4), wa = RandomTensors.normal(20, 1f, 3, 4);
        DoubleSupplier sum = () -> {
            Tensor out = Tensor.zeros(3, 4);
            be.add(a, b, out);
            return FiniteDifference.weightedSum(wa, out);
        };
        check(be.name() + " add da", a, wa, sum);
        check(be.name() + " add db", b, wa, sum);
    }

    /** {@code Y = X·Wᵀ + b} composed through the backend: dX = dY·W, dW = dYᵀ·X, db = columnSums(dY). */
    @ParameterizedTest
    @MethodSource("backends")
    void linearThroughGemm(Backend be) {
        int n = 5, in = 7, out = 4;
        Tensor x = RandomTensors.normal(21, 1f, n, in), weight = RandomTensors.normal(22, 1f, out, in);
        Tensor bias = RandomTensors.normal(23, 1f, out), dy = RandomTensors.normal(24, 1f, n, out);
        Tensor dx = Tensor.zeros(n, in), dW = Tensor.zeros(out, in), db = Tensor.zeros(out);
        be.gemm(dy, false, weight, false, dx, 1f, false, null);
        be.gemm(dy, true, x, false, dW, 1f, true, null);
        be.columnSums(dy, db);
        DoubleSupplier loss = () -> {
            Tensor y = Tensor.zeros(n, out);
            be.linear(x, weight, bias, y);
            return FiniteDifference.weightedSum(dy, y);
        };
        check(be.name() + " linear dX", x, dx, loss);
        check(be.name() + " linear dW", weight, dW, loss);
        check(be.name() + " linear db", bias, db, loss);
    }
}
