package hifi.engine.backend;

import hifi.engine.runtime.Activation;
import hifi.engine.tensor.Tensor;
import hifi.engine.testing.RandomTensors;
import hifi.engine.testing.TestBackends;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;

import static hifi.engine.testing.TensorAssert.assertBitwiseEqual;
import static hifi.engine.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every non-GEMM op of {@link SimdBackend} against {@link ReferenceBackend} (double accumulators, the oracle), at the
 * preferred species (512-bit on AVX-512), 256 and 128 bits. Shapes include 1, odd sizes and lengths that are not a
 * multiple of any vector width (tails), each both contiguous and as a strided view padded inside a larger buffer.
 * The <em>whole</em> backing buffer is compared, so a kernel that writes outside its view fails.
 *
 * <p>Tolerances, per op: the SIMD kernels accumulate in float, the reference in double, so sums of {@code n} terms may
 * differ by about {@code n·ε·Σ|terms|} in the worst case (ε = 6e-8); the Vector API's {@code exp}/{@code tanh} are
 * within a few ulps; our erf within 1.2e-7 absolute. Ops that do the same float operations in the same order as the
 * reference (copies, dropout, scatter-add, add/axpy/scale) must agree bit for bit.
 */
class SimdParityTest {
    private static final int[][] SHAPES = {{1, 1}, {1, 7}, {3, 5}, {2, 17}, {5, 33}, {4, 64}, {3, 100}, {2, 3, 129}, {2, 768}};
    private static final ReferenceBackend REF = new ReferenceBackend();

    static List<SimdBackend> backends() {
        return TestBackends.simd();
    }

    /** The same random input twice (one per backend): contiguous, or a view padded by 3 floats on each side. */
    private static Tensor input(long seed, boolean strided, float scale, int... shape) {
        return strided ? RandomTensors.normalView(seed, scale, 3, shape) : RandomTensors.normal(seed, scale, shape);
    }

    private static String label(Backend b, int[] shape, boolean strided) {
        return b.name() + " " + Arrays.toString(shape) + (strided ? " strided" : "");
    }

    /** Compares the whole storage behind two identically built tensors. */
    private static void assertStorageClose(Tensor expected, Tensor actual, double rtol, double atol, String what) {
        assertClose(expected.data(), actual.data(), rtol, atol, what);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void softmaxMatchesReference(SimdBackend simd) {
        long seed = 1;
        for (int[] shape : SHAPES) {
            for (boolean strided : new boolean[] {false, true}) {
                Tensor expected = input(seed, strided, 3f, shape), actual = input(seed++, strided, 3f, shape);
                REF.softmax(expected, null);
                simd.softmax(actual, null);
                // Outputs are probabilities in [0, 1]: float exp and a float sum of ≤ 768 terms keep a relative error
                // of a few 1e-7; 1e-6 absolute + 1e-5 relative leaves an order of magnitude of headroom.
                assertStorageClose(expected, actual, 1e-5, 1e-6, "softmax " + label(simd, shape, strided));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void maskedSoftmaxOnPermutedAttentionScoresMatchesReference(SimdBackend simd) {
        int b = 2, h = 3, tq = 5, tk = 37;
        Tensor mask = RandomTensors.uniform(7, 0, 1, b, tk);
        for (int j = 0; j < tk; j++) {
            mask.set(j < 30 ? 0f : -1e9f, 0, j);              // batch 0: the last keys are padding
            mask.set(-1e9f, 1, j);                             // batch 1: every key masked, still a distribution
        }
        // Scores stored [B, Tq, H, Tk] and viewed as [B, H, Tq, Tk]: non-contiguous leading dimensions.
        Tensor expected = RandomTensors.normal(8, 2f, b, tq, h, tk).permute(0, 2, 1, 3);
        Tensor actual = RandomTensors.normal(8, 2f, b, tq, h, tk).permute(0, 2, 1, 3);
        REF.softmax(expected, mask);
        simd.softmax(actual, mask);
        assertStorageClose(expected, actual, 1e-5, 1e-6, "masked softmax " + simd.name());
        assertEquals(1.0 / tk, actual.get(1, 2, 4, 0), 1e-6, "a fully masked row is uniform");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void softmaxBackwardMatchesReference(SimdBackend simd) {
        long seed = 100;
        for (int[] shape : SHAPES) {
            for (boolean strided : new boolean[] {false, true}) {
                Tensor y = input(seed++, strided, 2f, shape);
                REF.softmax(y, null);
                Tensor dy = input(seed++, strided, 1f, shape);
                Tensor expected = input(seed, strided, 1f, shape), actual = input(seed++, strided, 1f, shape);
                REF.softmaxBackward(y, dy, expected);
                simd.softmaxBackward(y, dy, actual);
                // dx = y (dy − y·dy): the float dot product of ≤ 768 terms (|y| ≤ 1, |dy| ~ 1) errs by ≲ 1e-6.
                assertStorageClose(expected, actual, 1e-5, 2e-6, "softmaxBackward " + label(simd, shape, strided));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void layerNormForwardAndBackwardMatchReference(SimdBackend simd) {
        long seed = 200;
        for (int[] shape : SHAPES) {
            for (boolean strided : new boolean[] {false, true}) {
                int c = shape[shape.length - 1], rows = (int) (Tensor.numel(shape) / c);
                // Inputs with a large common offset: the case that defeats a one-pass variance.
                Tensor x = input(seed++, strided, 1f, shape);
                REF.add(x, filled(x.shape(), 50f), x);
                Tensor gamma = RandomTensors.normal(seed++, 1f, c), beta = RandomTensors.normal(seed++, 1f, c);
                Tensor yRef = input(seed, strided, 1f, shape), ySimd = input(seed++, strided, 1f, shape);
                Tensor meanRef = Tensor.zeros(rows), rstdRef = Tensor.zeros(rows), meanSimd = Tensor.zeros(rows), rstdSimd = Tensor.zeros(rows);
                REF.layerNorm(x, gamma, beta, 1e-12f, yRef, meanRef, rstdRef);
                simd.layerNorm(x, gamma, beta, 1e-12f, ySimd, meanSimd, rstdSimd);
                String what = label(simd, shape, strided);
                // Float two-pass statistics over ≤ 768 elements of ~50 ± 1: mean within ~1e-5 absolute, rstd within
                // a few 1e-6 relative; y = norm·γ + β with |norm| ≲ 4, |γ| ≲ 4 then errs by ≲ 1e-4.
                assertClose(meanRef, meanSimd, 1e-6, 1e-5, "layerNorm mean " + what);
                assertClose(rstdRef, rstdSimd, 1e-5, 0, "layerNorm rstd " + what);
                assertStorageClose(yRef, ySimd, 1e-4, 1e-4, "layerNorm y " + what);

                Tensor dy = input(seed++, strided, 1f, shape);
                Tensor dxRef = input(seed, strided, 1f, shape), dxSimd = input(seed++, strided, 1f, shape);
                Tensor dgRef = RandomTensors.normal(seed, 1f, c), dgSimd = RandomTensors.normal(seed++, 1f, c);
                Tensor dbRef = RandomTensors.normal(seed, 1f, c), dbSimd = RandomTensors.normal(seed++, 1f, c);
                REF.layerNormBackward(dy, x, gamma, meanRef, rstdRef, dxRef, dgRef, dbRef);
                simd.layerNormBackward(dy, x, gamma, meanRef, rstdRef, dxSimd, dgSimd, dbSimd);
                // dx: two float row sums of ≤ 768 terms of size ~|γ dy| ≲ 10, times rstd ~ 1: ≲ 1e-4 absolute.
                assertStorageClose(dxRef, dxSimd, 1e-4, 1e-4, "layerNorm dx " + what);
                // dγ, dβ: float column sums over ≤ 6 rows (values ~ 1–10) added to the existing gradient.
                assertClose(dgRef, dgSimd, 1e-5, 1e-5, "layerNorm dgamma (accumulated) " + what);
                assertClose(dbRef, dbSimd, 1e-5, 1e-5, "layerNorm dbeta (accumulated) " + what);

                // Frozen parameters (null gradients) and no dx: what is computed must not change.
                Tensor dxOnly = input(seed++, strided, 1f, shape);
                simd.layerNormBackward(dy, x, gamma, meanRef, rstdRef, dxOnly, null, null);
                assertClose(dxRef, dxOnly, 1e-4, 1e-4, "layerNorm dx with frozen gamma/beta " + what);
                Tensor dgOnly = Tensor.zeros(c);
                simd.layerNormBackward(dy, x, gamma, meanRef, rstdRef, null, dgOnly, null);
                Tensor dgFromZero = Tensor.zeros(c);
                REF.layerNormBackward(dy, x, gamma, meanRef, rstdRef, null, dgFromZero, null);
                assertClose(dgFromZero, dgOnly, 1e-5, 1e-5, "layerNorm dgamma only " + what);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void activationsAndDerivativesMatchReference(SimdBackend simd) {
        long seed = 300;
        for (Activation act : Activation.values()) {
            for (int[] shape : SHAPES) {
                for (boolean strided : new boolean[] {false, true}) {
                    String what = act + " " + label(simd, shape, strided);
                    Tensor x = input(seed++, strided, 3f, shape);
                    Tensor yRef = input(seed, strided, 1f, shape), ySimd = input(seed++, strided, 1f, shape);
                    REF.activation(act, x, yRef);
                    simd.activation(act, x, ySimd);
                    // GELU: |erf error| ≤ 1.2e-7 times x/2 (|x| ≲ 15) plus float rounding; tanh/exp: a few ulps.
                    assertStorageClose(yRef, ySimd, 2e-6, 1e-6, "activation " + what);

                    Tensor dy = input(seed++, strided, 1f, shape);
                    Tensor dxRef = input(seed, strided, 1f, shape), dxSimd = input(seed++, strided, 1f, shape);
                    REF.activationBackward(act, x, yRef, dy, dxRef);
                    simd.activationBackward(act, x, yRef, dy, dxSimd);
                    // Derivatives combine erf/exp/tanh (each within ~1e-7 of their magnitude) and a few products.
                    assertStorageClose(dxRef, dxSimd, 2e-6, 2e-6, "activationBackward " + what);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void dropoutMaskIsBitIdenticalToReference(SimdBackend simd) {
        long seed = 400;
        for (float p : new float[] {0f, 0.1f, 0.5f, 0.9f}) {
            for (int[] shape : SHAPES) {
                for (boolean strided : new boolean[] {false, true}) {
                    String what = "p=" + p + " " + label(simd, shape, strided);
                    Tensor x = input(seed++, strided, 1f, shape);
                    Tensor yRef = input(seed, strided, 1f, shape), ySimd = input(seed++, strided, 1f, shape);
                    REF.dropout(x, yRef, p, 1234L + seed);
                    simd.dropout(x, ySimd, p, 1234L + seed);
                    assertBitwiseEqual(Tensor.of(yRef.data(), yRef.data().length), Tensor.of(ySimd.data(), ySimd.data().length), "dropout " + what);
                    Tensor dxRef = input(seed, strided, 1f, shape), dxSimd = input(seed++, strided, 1f, shape);
                    REF.dropoutBackward(x, dxRef, p, 99L + seed);
                    simd.dropoutBackward(x, dxSimd, p, 99L + seed);
                    assertBitwiseEqual(Tensor.of(dxRef.data(), dxRef.data().length), Tensor.of(dxSimd.data(), dxSimd.data().length), "dropoutBackward " + what);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void embeddingGatherAndScatterAddAreBitIdenticalToReference(SimdBackend simd) {
        long seed = 500;
        for (int c : new int[] {1, 5, 16, 33, 768}) {
            for (boolean strided : new boolean[] {false, true}) {
                int vocab = 11;
                int[] ids = RandomTensors.ints(seed++, 29, vocab);  // 29 ids from 11 rows: many repeats
                Tensor table = input(seed++, strided, 1f, vocab, c);
                Tensor outRef = input(seed, strided, 1f, ids.length, c), outSimd = input(seed++, strided, 1f, ids.length, c);
                REF.embedding(table, ids, outRef);
                simd.embedding(table, ids, outSimd);
                assertBitwiseEqual(Tensor.of(outRef.data(), outRef.data().length), Tensor.of(outSimd.data(), outSimd.data().length), "embedding c=" + c);
                Tensor dOut = input(seed++, strided, 1f, ids.length, c);
                Tensor dtRef = input(seed, strided, 1f, vocab, c), dtSimd = input(seed++, strided, 1f, vocab, c);
                REF.embeddingBackward(dOut, ids, dtRef);
                simd.embeddingBackward(dOut, ids, dtSimd);
                // The same float additions in the same (index) order: identical bits.
                assertBitwiseEqual(Tensor.of(dtRef.data(), dtRef.data().length), Tensor.of(dtSimd.data(), dtSimd.data().length), "embeddingBackward c=" + c);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void lossesMatchReference(SimdBackend simd) {
        long seed = 600;
        for (int[] shape : new int[][] {{1, 1}, {1, 2}, {3, 5}, {8, 2}, {7, 33}, {4, 1000}}) {
            for (boolean strided : new boolean[] {false, true}) {
                String what = label(simd, shape, strided);
                Tensor logits = input(seed++, strided, 4f, shape);
                int[] labels = RandomTensors.ints(seed++, shape[0], shape[1]);
                Tensor gRef = input(seed, strided, 1f, shape), gSimd = input(seed++, strided, 1f, shape);
                float lossRef = REF.crossEntropy(logits, labels, gRef);
                float lossSimd = simd.crossEntropy(logits, labels, gSimd);
                // log-sum-exp from a float sum of ≤ 1000 exps: relative error of the loss ≲ 1e-6.
                assertEquals(lossRef, lossSimd, 1e-6 + 1e-5 * Math.abs(lossRef), "crossEntropy loss " + what);
                assertStorageClose(gRef, gSimd, 1e-5, 1e-7, "crossEntropy dLogits " + what);
                assertEquals(lossRef, simd.crossEntropy(logits, labels, null), 1e-6 + 1e-5 * Math.abs(lossRef), "crossEntropy without grad " + what);
            }
        }
        for (int n : new int[] {1, 2, 17}) {
            for (int[] shape : new int[][] {{n}, {n, 1}}) {
                Tensor pred = RandomTensors.normal(seed++, 1f, shape);
                float[] targets = RandomTensors.normal(seed++, 1f, n).toArray();
                Tensor gRef = Tensor.zeros(shape), gSimd = Tensor.zeros(shape);
                // Both accumulate the squared errors in double: agreement to float rounding.
                assertEquals(REF.mse(pred, targets, gRef), simd.mse(pred, targets, gSimd), 1e-6, "mse " + Arrays.toString(shape));
                assertClose(gRef, gSimd, 1e-6, 1e-7, "mse dPred " + Arrays.toString(shape));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void columnSumsAccumulateLikeReference(SimdBackend simd) {
        long seed = 700;
        for (int[] shape : SHAPES) {
            for (boolean strided : new boolean[] {false, true}) {
                Tensor x = input(seed++, strided, 1f, shape);
                int c = shape[shape.length - 1], rows = (int) (Tensor.numel(shape) / c);
                Tensor outRef = RandomTensors.normal(seed, 1f, c), outSimd = RandomTensors.normal(seed++, 1f, c);
                REF.columnSums(x, outRef);
                simd.columnSums(x, outSimd);
                // A float sum of `rows` standard-normal terms: error ≲ rows·ε·Σ|x| ≈ rows² · 6e-8.
                assertClose(outRef, outSimd, 1e-6, 1e-6 * rows * rows, "columnSums " + label(simd, shape, strided));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void elementwiseOpsAreBitIdenticalToReference(SimdBackend simd) {
        long seed = 800;
        for (int[] shape : SHAPES) {
            for (boolean strided : new boolean[] {false, true}) {
                String what = label(simd, shape, strided);
                Tensor a = input(seed++, strided, 1f, shape), b = input(seed++, strided, 1f, shape);
                Tensor[] ref = {input(seed, strided, 1f, shape)}, vec = {input(seed++, strided, 1f, shape)};
                REF.add(a, b, ref[0]);
                simd.add(a, b, vec[0]);
                assertSameStorage(ref[0], vec[0], "add " + what);
                REF.axpy(-0.37f, a, ref[0]);
                simd.axpy(-0.37f, a, vec[0]);
                assertSameStorage(ref[0], vec[0], "axpy " + what);
                REF.scale(ref[0], 1.7f);
                simd.scale(vec[0], 1.7f);
                assertSameStorage(ref[0], vec[0], "scale " + what);
                REF.add(ref[0], b, ref[0]);                    // out aliases a
                simd.add(vec[0], b, vec[0]);
                assertSameStorage(ref[0], vec[0], "add in place " + what);
                REF.copy(a, ref[0]);
                simd.copy(a, vec[0]);
                assertSameStorage(ref[0], vec[0], "copy " + what);
                REF.fill(ref[0], 2.5f);
                simd.fill(vec[0], 2.5f);
                assertSameStorage(ref[0], vec[0], "fill " + what);
            }
        }
    }

    private static void assertSameStorage(Tensor expected, Tensor actual, String what) {
        assertBitwiseEqual(Tensor.of(expected.data(), expected.data().length), Tensor.of(actual.data(), actual.data().length), what);
    }

    private static Tensor filled(int[] shape, float v) {
        Tensor t = Tensor.zeros(shape);
        t.fill(v);
        return t;
    }
}
