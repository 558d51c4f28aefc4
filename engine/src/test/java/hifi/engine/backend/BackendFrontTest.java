package hifi.engine.backend;

import hifi.engine.runtime.Activation;
import hifi.engine.tensor.ShapeException;
import hifi.engine.tensor.Tensor;
import hifi.engine.testing.RandomTensors;
import hifi.engine.testing.TestBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the checked front adds to the kernels: overlap checks, the GEMM backward, host reads, and the one op hook. */
class BackendFrontTest {
    static List<Backend> backends() {
        return TestBackends.referenceAndSimd();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gemmOutputMustNotOverlapAnOperand(Backend be) {
        Tensor x = RandomTensors.normal(1, 1f, 6, 8);
        ShapeException e = assertThrows(ShapeException.class,
                () -> be.gemm(x.cols(0, 4), false, x.cols(4, 4).rows(0, 4), false, x.cols(2, 4), 1f, false, null));
        assertTrue(e.getMessage().contains("gemm") && e.getMessage().contains("C must not overlap A"), e.getMessage());
        // Interleaved column slices of one matrix share no element: allowed.
        Tensor w = RandomTensors.normal(2, 1f, 4, 4), expected = Tensor.zeros(6, 4);
        new ReferenceBackend(1).gemm(x.cols(0, 4).copy(), false, w, false, expected, 1f, false, null);
        be.gemm(x.cols(0, 4), false, w, false, x.cols(4, 4), 1f, false, null);
        assertArrayEquals(expected.toArray(), x.cols(4, 4).toArray(), 1e-5f);
        Tensor y = Tensor.zeros(3, 4);
        ShapeException ln = assertThrows(ShapeException.class, () -> be.layerNormBackward(y, y, Tensor.zeros(4), Tensor.zeros(3),
                Tensor.zeros(3), y.rows(0, 3), null, null));
        assertTrue(ln.getMessage().contains("layerNormBackward") && ln.getMessage().contains("dx must not overlap dy"), ln.getMessage());
    }

    /**
     * For {@code L = Σ G ⊙ C} with {@code C = alpha·op(A)·op(B)}, {@code ⟨dA, E⟩} is the change of L along E:
     * {@code Σ G ⊙ (alpha·op(E)·op(B))}, a forward product only (likewise for B).
     */
    @ParameterizedTest
    @MethodSource("backends")
    void gemmBackwardIsTheAdjointOfTheForwardForEveryTransposition(Backend be) {
        int m = 5, n = 7, k = 3;
        float alpha = 0.6f;
        for (int combo = 0; combo < 4; combo++) {
            boolean ta = (combo & 1) != 0, tb = (combo & 2) != 0;
            Tensor a = ta ? RandomTensors.normal(10 + combo, 1f, k, m) : RandomTensors.normal(10 + combo, 1f, m, k);
            Tensor b = tb ? RandomTensors.normal(20 + combo, 1f, n, k) : RandomTensors.normal(20 + combo, 1f, k, n);
            Tensor g = RandomTensors.normal(30 + combo, 1f, m, n);
            Tensor ea = RandomTensors.normal(40 + combo, 1f, a.shape()), eb = RandomTensors.normal(50 + combo, 1f, b.shape());
            Tensor da = Tensor.zeros(a.shape()), db = Tensor.zeros(b.shape());
            be.gemmBackwardA(ta, b, tb, g, alpha, da, false);
            be.gemmBackwardB(a, ta, tb, g, alpha, db, false);
            Tensor alongA = Tensor.zeros(m, n), alongB = Tensor.zeros(m, n);
            be.gemm(ea, ta, b, tb, alongA, alpha, false, null);
            be.gemm(a, ta, eb, tb, alongB, alpha, false, null);
            String what = "transA " + ta + ", transB " + tb;
            assertEquals(dot(g, alongA), dot(da, ea), 1e-4, what + ": dA");
            assertEquals(dot(g, alongB), dot(db, eb), 1e-4, what + ": dB");
        }
    }

    private static double dot(Tensor x, Tensor y) {
        float[] a = x.toArray(), b = y.toArray();
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void toHostCopiesAStridedViewRowMajor(Backend be) {
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 3, 4);
        float[] out = new float[8];
        be.toHost(x.cols(1, 2), out, 2);
        assertArrayEquals(new float[] {0, 0, 1, 2, 5, 6, 9, 10}, out);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> be.toHost(x, out, 0));
        assertTrue(e.getMessage().contains("toHost") && e.getMessage().contains("12"), e.getMessage());
    }

    @Test
    void everyOpPassesTheHookOnceAndOnlyAfterItsChecks() {
        List<String> seen = new ArrayList<>();
        Backend be = new ForwardingBackend(new ReferenceBackend(1)) {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            protected <T> T around(Op op, Supplier<T> body) {
                seen.add(op.name() + (op.flops() > 0 ? " " + op.flops() : ""));
                return body.get();
            }
        };
        Tensor x = Tensor.zeros(2, 3), w = Tensor.zeros(4, 3), y = Tensor.zeros(2, 4);
        be.linear(x, w, Tensor.zeros(4), y);
        be.linearBackwardWeight(y, x, Tensor.zeros(4, 3));
        be.activation(Activation.GELU, x, x);
        be.dropoutBackward(x, x, 0.5f, 3);
        assertThrows(ShapeException.class, () -> be.add(x, y, x));
        assertEquals(List.of("gemm 48", "gemm 48", "activation GELU", "dropout"), seen);
    }
}
