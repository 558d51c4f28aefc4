package hifi.engine.tornado;

import hifi.engine.backend.ReferenceBackend;
import hifi.engine.runtime.Activation;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;
import hifi.engine.testing.RandomTensors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every device op of {@link TornadoBackend} against {@link ReferenceBackend} (double accumulators: the oracle), run
 * with {@code -Dtornado.recover.bailout=false}, so a kernel that does not compile for the device fails instead of
 * silently running as Java. Shapes include 1, odd sizes and lengths no work-group size divides; each both contiguous
 * and as a strided view padded inside a larger buffer, and the <em>whole</em> buffer is compared, so a write outside
 * the view fails.
 *
 * <p>Tolerances: the kernels sum in float where the reference sums in double, so a sum of {@code n} terms may differ
 * by about {@code n·u·Σ|terms|} ({@code u = 6e-8}); the GEMM bound is exactly that, computed per element from
 * {@code |A|·|B|}. The other ops use the SIMD backend's tolerances (same float arithmetic, same reasoning, see
 * {@code SimdParityTest}); the device's {@code exp}/{@code tanh} are OpenCL built-ins (≤ 4 ulp in OpenCL 1.2's full
 * profile). Dropout (same CounterRng mask), add and scale (the same single float operation) are compared bit for bit;
 * axpy within one rounding (the OpenCL compiler may contract {@code y + α·x} into a fused multiply-add).
 */
class TornadoOpParityTest {
    private static final int[][] SHAPES = {{1, 1}, {3, 5}, {2, 17}, {4, 64}, {2, 3, 129}};
    private static final ReferenceBackend REF = new ReferenceBackend();
    private static TornadoBackend device;

    @BeforeAll
    static void openDevice() {
        device = ParityDevice.open();
    }

    @AfterAll
    static void closeDevice() {
        ParityLog.print("TornadoOpParityTest on " + device.name());
        device.close();
    }

    private static Tensor input(long seed, boolean strided, float scale, int... shape) {
        return strided ? RandomTensors.normalView(seed, scale, 3, shape) : RandomTensors.normal(seed, scale, shape);
    }

    private static String label(int[] shape, boolean strided) {
        return Arrays.toString(shape) + (strided ? " strided" : "");
    }

    // ---------------------------------------------------------------- GEMM

    @Test
    void gemmVariantsMatchReference() {
        int[][] mnk = {{1, 1, 1}, {3, 5, 7}, {17, 9, 33}, {64, 65, 31}, {2, 100, 129}, {130, 67, 45}, {65, 129, 16}};
        long seed = 1;
        for (int[] d : mnk) {
            int m = d[0], n = d[1], k = d[2];
            for (int variant = 0; variant < 16; variant++) {
                boolean ta = (variant & 1) != 0, tb = (variant & 2) != 0, acc = (variant & 4) != 0, bias = (variant & 8) != 0;
                boolean strided = variant % 3 == 0;
                Tensor a = input(seed++, strided, 1f, ta ? new int[] {k, m} : new int[] {m, k});
                Tensor b = input(seed++, strided, 1f, tb ? new int[] {n, k} : new int[] {k, n});
                Tensor bv = bias ? RandomTensors.normal(seed++, 1f, n) : null;
                Tensor want = input(seed, strided, 1f, m, n), got = input(seed++, strided, 1f, m, n);
                float alpha = variant % 2 == 0 ? 1f : 0.37f;
                REF.gemm(a, ta, b, tb, want, alpha, acc, bv);
                device.gemm(a, ta, b, tb, got, alpha, acc, bv);
                checkGemm(a, ta, b, tb, want, got, alpha, k, "m=" + m + " n=" + n + " k=" + k + " variant " + variant);
            }
        }
    }

    @Test
    void batchedAttentionProductsOnHeadViewsMatchReference() {
        // BERT's attention layout: Q, K, V are [B, T, H·dh] activations viewed as [B, H, T, dh] (strided head views).
        int b = 2, t = 7, h = 3, dh = 5;
        Tensor q = RandomTensors.normal(10, 1f, b, t, h * dh).view(b, t, h, dh).permute(0, 2, 1, 3);
        Tensor k = RandomTensors.normal(11, 1f, b, t, h * dh).view(b, t, h, dh).permute(0, 2, 1, 3);
        Tensor v = RandomTensors.normal(12, 1f, b, t, h * dh).view(b, t, h, dh).permute(0, 2, 1, 3);
        float scale = (float) (1 / Math.sqrt(dh));
        Tensor sWant = Tensor.zeros(b, h, t, t), sGot = Tensor.zeros(b, h, t, t);
        REF.gemm(q, false, k, true, sWant, scale, false, null);
        device.gemm(q, false, k, true, sGot, scale, false, null);
        checkGemm(q, false, k, true, sWant, sGot, scale, dh, "scores Q·Kᵀ");

        // context = P·V written straight into a [B, T, H·dh] buffer through its head view; dP = dC·Vᵀ; dV = Pᵀ·dC.
        Tensor cWant = headView(13, b, t, h, dh), cGot = headView(13, b, t, h, dh);
        REF.gemm(sWant, false, v, false, cWant, 1f, false, null);
        device.gemm(sWant, false, v, false, cGot, 1f, false, null);
        checkGemm(sWant, false, v, false, cWant, cGot, 1f, t, "context P·V into head views");

        Tensor dvWant = headView(14, b, t, h, dh), dvGot = headView(14, b, t, h, dh);
        REF.gemm(sWant, true, q, false, dvWant, 1f, true, null);
        device.gemm(sWant, true, q, false, dvGot, 1f, true, null);
        checkGemm(sWant, true, q, false, dvWant, dvGot, 1f, t, "dV += Pᵀ·dC (accumulating into head views)");
    }

    @Test
    void concurrentCallsOfOneShapeAreSerialisedAndCorrect() {
        // HiFi's statistics pass calls gemm from worker threads; every call runs in the one device arena.
        int calls = 8, m = 9, n = 11, k = 13;
        Tensor[] want = new Tensor[calls], got = new Tensor[calls], a = new Tensor[calls], b = new Tensor[calls];
        for (int i = 0; i < calls; i++) {
            a[i] = RandomTensors.normal(700 + i, 1f, k, m);
            b[i] = RandomTensors.normal(800 + i, 1f, k, n);
            want[i] = Tensor.zeros(m, n);
            got[i] = Tensor.zeros(m, n);
            REF.gemm(a[i], true, b[i], false, want[i], 1f, false, null);
        }
        new WorkerPool(4).parallelFor(calls, i -> device.gemm(a[i], true, b[i], false, got[i], 1f, false, null));
        for (int i = 0; i < calls; i++) checkGemm(a[i], true, b[i], false, want[i], got[i], 1f, k, "concurrent call " + i);
    }

    /** A random {@code [B, T, H·dh]} activation seen as {@code [B, H, T, dh]} head views. */
    private static Tensor headView(long seed, int b, int t, int h, int dh) {
        return RandomTensors.normal(seed, 1f, b, t, h * dh).view(b, t, h, dh).permute(0, 2, 1, 3);
    }

    /**
     * Per element: {@code |got − want| ≤ 2·K·u·|alpha|·(|A|·|B|) + 2u·|want| + 1e-30}, the float summation bound
     * (plus one rounding each for alpha, C and bias), compared over the whole storage of C.
     */
    private static void checkGemm(Tensor a, boolean ta, Tensor b, boolean tb, Tensor want, Tensor got, float alpha, int k, String what) {
        Tensor absA = abs(a), absB = abs(b);
        Tensor bound = Tensor.zeros(want.shape());
        REF.gemm(absA, ta, absB, tb, bound, Math.abs(alpha), false, null);
        double u = Math.ulp(1.0f) / 2;
        float[] w = want.toArray(), g = got.toArray(), bd = bound.toArray();
        double worst = 0;
        for (int i = 0; i < w.length; i++) {
            double err = Math.abs((double) g[i] - w[i]);
            double tol = 2 * k * u * bd[i] + 4 * u * Math.abs(w[i]) + 1e-30;
            if (!(err <= tol)) throw new AssertionError("gemm " + what + ": element " + i + " is " + g[i] + ", reference " + w[i] + ", bound " + tol);
            worst = Math.max(worst, err);
        }
        ParityLog.record("gemm", worst, "2·K·u·(|A|·|B|) + 4u·|C| per element");
        // Outside the view nothing may change: compare the backing buffers where the view does not reach.
        float[] wd = want.data(), gd = got.data();
        boolean[] inView = new boolean[wd.length];
        markView(want, inView);
        for (int i = 0; i < wd.length; i++) {
            if (!inView[i] && Float.floatToRawIntBits(wd[i]) != Float.floatToRawIntBits(gd[i])) {
                throw new AssertionError("gemm " + what + ": wrote outside C's view at storage index " + i);
            }
        }
    }

    private static void markView(Tensor t, boolean[] mark) {
        int[] idx = new int[t.rank()];
        for (int e = 0; e < t.numel(); e++) {
            int rem = e;
            for (int d = t.rank() - 1; d >= 0; d--) {
                idx[d] = rem % t.dim(d);
                rem /= t.dim(d);
            }
            mark[t.index(idx)] = true;
        }
    }

    private static Tensor abs(Tensor t) {
        float[] v = t.toArray();
        for (int i = 0; i < v.length; i++) v[i] = Math.abs(v[i]);
        return Tensor.of(v, t.shape());
    }

    // ---------------------------------------------------------------- softmax

    @Test
    void softmaxAndBackwardMatchReference() {
        long seed = 100;
        for (int[] shape : SHAPES) {
            for (boolean strided : new boolean[] {false, true}) {
                Tensor want = input(seed, strided, 3f, shape), got = input(seed++, strided, 3f, shape);
                REF.softmax(want, null);
                device.softmax(got, null);
                // Probabilities: float exp and float sums of ≤ 129 terms; as SimdParityTest.
                ParityLog.check("softmax", want.data(), got.data(), 1e-5, 1e-6, label(shape, strided));

                Tensor dy = input(seed++, strided, 1f, shape);
                Tensor dxWant = input(seed, strided, 1f, shape), dxGot = input(seed++, strided, 1f, shape);
                REF.softmaxBackward(want, dy, dxWant);
                device.softmaxBackward(want, dy, dxGot);
                ParityLog.check("softmaxBackward", dxWant.data(), dxGot.data(), 1e-5, 2e-6, label(shape, strided));
            }
        }
    }

    @Test
    void maskedSoftmaxOnPermutedAttentionScoresMatchesReference() {
        int b = 2, h = 3, tq = 5, tk = 37;
        Tensor mask = Tensor.zeros(b, tk);
        for (int j = 0; j < tk; j++) {
            mask.set(j < 30 ? 0f : -Float.MAX_VALUE, 0, j);   // batch 0: the last keys are padding (HF's mask value)
            mask.set(-Float.MAX_VALUE, 1, j);                  // batch 1: every key masked, still a distribution
        }
        Tensor want = RandomTensors.normal(8, 2f, b, tq, h, tk).permute(0, 2, 1, 3);
        Tensor got = RandomTensors.normal(8, 2f, b, tq, h, tk).permute(0, 2, 1, 3);
        REF.softmax(want, mask);
        device.softmax(got, mask);
        ParityLog.check("softmax masked", want.data(), got.data(), 1e-5, 1e-6, "[2, 3, 5, 37] permuted");
        assertEquals(1.0 / tk, got.get(1, 2, 4, 0), 1e-6, "a fully masked row is uniform");
        assertEquals(0f, got.get(0, 1, 2, 33), "a masked key gets probability 0");
    }

    // ---------------------------------------------------------------- LayerNorm

    @Test
    void layerNormForwardAndBackwardMatchReference() {
        long seed = 200;
        for (int[] shape : SHAPES) {
            for (boolean strided : new boolean[] {false, true}) {
                int c = shape[shape.length - 1], rows = (int) (Tensor.numel(shape) / c);
                String what = label(shape, strided);
                Tensor x = input(seed++, strided, 1f, shape);
                REF.add(x, filled(x.shape(), 50f), x);  // a large common offset: defeats a one-pass variance
                Tensor gamma = RandomTensors.normal(seed++, 1f, c), beta = RandomTensors.normal(seed++, 1f, c);
                Tensor yWant = input(seed, strided, 1f, shape), yGot = input(seed++, strided, 1f, shape);
                Tensor meanWant = Tensor.zeros(rows), rstdWant = Tensor.zeros(rows), meanGot = Tensor.zeros(rows), rstdGot = Tensor.zeros(rows);
                REF.layerNorm(x, gamma, beta, 1e-12f, yWant, meanWant, rstdWant);
                device.layerNorm(x, gamma, beta, 1e-12f, yGot, meanGot, rstdGot);
                // As SimdParityTest: float two-pass statistics over ≤ 129 values of ~50 ± 1.
                ParityLog.check("layerNorm mean", meanWant.data(), meanGot.data(), 1e-6, 1e-5, what);
                ParityLog.check("layerNorm rstd", rstdWant.data(), rstdGot.data(), 1e-5, 0, what);
                ParityLog.check("layerNorm y", yWant.data(), yGot.data(), 1e-4, 1e-4, what);

                Tensor dy = input(seed++, strided, 1f, shape);
                Tensor dxWant = input(seed, strided, 1f, shape), dxGot = input(seed++, strided, 1f, shape);
                Tensor dgWant = RandomTensors.normal(seed, 1f, c), dgGot = RandomTensors.normal(seed++, 1f, c);
                Tensor dbWant = RandomTensors.normal(seed, 1f, c), dbGot = RandomTensors.normal(seed++, 1f, c);
                REF.layerNormBackward(dy, x, gamma, meanWant, rstdWant, dxWant, dgWant, dbWant);
                device.layerNormBackward(dy, x, gamma, meanWant, rstdWant, dxGot, dgGot, dbGot);
                ParityLog.check("layerNormBackward dx", dxWant.data(), dxGot.data(), 1e-4, 1e-4, what);
                ParityLog.check("layerNormBackward dgamma", dgWant.data(), dgGot.data(), 1e-5, 1e-5, what + " (accumulated)");
                ParityLog.check("layerNormBackward dbeta", dbWant.data(), dbGot.data(), 1e-5, 1e-5, what + " (accumulated)");

                // Frozen parameters (null gradients), and parameter gradients without dx.
                Tensor dxOnly = input(seed++, strided, 1f, shape);
                device.layerNormBackward(dy, x, gamma, meanWant, rstdWant, dxOnly, null, null);
                ParityLog.check("layerNormBackward dx", dxWant.toArray(), dxOnly.toArray(), 1e-4, 1e-4, what + " frozen gamma/beta");
                Tensor dgOnly = Tensor.zeros(c), dgFromZero = Tensor.zeros(c);
                device.layerNormBackward(dy, x, gamma, meanWant, rstdWant, null, dgOnly, null);
                REF.layerNormBackward(dy, x, gamma, meanWant, rstdWant, null, dgFromZero, null);
                ParityLog.check("layerNormBackward dgamma", dgFromZero.data(), dgOnly.data(), 1e-5, 1e-5, what + " dgamma only");
            }
        }
    }

    private static Tensor filled(int[] shape, float v) {
        Tensor t = Tensor.zeros(shape);
        t.fill(v);
        return t;
    }

    // ---------------------------------------------------------------- activations and dropout

    @Test
    void activationsAndDerivativesMatchReference() {
        long seed = 300;
        for (Activation act : Activation.values()) {
            for (int[] shape : SHAPES) {
                for (boolean strided : new boolean[] {false, true}) {
                    String what = act + " " + label(shape, strided);
                    Tensor x = input(seed++, strided, 3f, shape);
                    Tensor yWant = input(seed, strided, 1f, shape), yGot = input(seed++, strided, 1f, shape);
                    REF.activation(act, x, yWant);
                    device.activation(act, x, yGot);
                    // GELU: erf within 1.1e-7 times |x|/2 plus float rounding; tanh/exp: OpenCL built-ins, a few ulps.
                    ParityLog.check("activation " + act, yWant.data(), yGot.data(), 2e-6, 1e-6, what);

                    Tensor dy = input(seed++, strided, 1f, shape);
                    Tensor dxWant = input(seed, strided, 1f, shape), dxGot = input(seed++, strided, 1f, shape);
                    REF.activationBackward(act, x, yWant, dy, dxWant);
                    device.activationBackward(act, x, yWant, dy, dxGot);
                    ParityLog.check("activationBackward " + act, dxWant.data(), dxGot.data(), 2e-6, 2e-6, what);
                }
            }
        }
    }

    @Test
    void dropoutMaskIsBitIdenticalToReference() {
        long seed = 400;
        for (float p : new float[] {0f, 0.1f, 0.5f}) {
            for (int[] shape : SHAPES) {
                for (boolean strided : new boolean[] {false, true}) {
                    String what = "p=" + p + " " + label(shape, strided);
                    Tensor x = input(seed++, strided, 1f, shape);
                    Tensor yWant = input(seed, strided, 1f, shape), yGot = input(seed++, strided, 1f, shape);
                    REF.dropout(x, yWant, p, 1234L + seed);
                    device.dropout(x, yGot, p, 1234L + seed);
                    ParityLog.checkBitwise("dropout", yWant.data(), yGot.data(), what);
                    Tensor dxWant = input(seed, strided, 1f, shape), dxGot = input(seed++, strided, 1f, shape);
                    REF.dropoutBackward(x, dxWant, p, 99L + seed);
                    device.dropoutBackward(x, dxGot, p, 99L + seed);
                    ParityLog.checkBitwise("dropoutBackward", dxWant.data(), dxGot.data(), what);
                }
            }
        }
    }

    // ---------------------------------------------------------------- reductions and elementwise

    @Test
    void uploadsLargerThanTheLargestStagingArrayArriveWhole() {
        // Host data goes up in chunks of at most 2^MAX_STAGING_LOG2 floats: two full chunks and a tail of 3.
        int n = (2 << DeviceArena.MAX_STAGING_LOG2) + 3;
        Tensor a = RandomTensors.normal(700, 1f, n), b = RandomTensors.normal(701, 1f, n);
        Tensor want = Tensor.zeros(n), got = Tensor.zeros(n);
        REF.add(a, b, want);
        device.add(a, b, got);
        ParityLog.checkBitwise("add", want.data(), got.data(), "[" + n + "], chunked upload");
    }

    @Test
    void tallColumnReductionsMatchReference() {
        // More rows than one work-item sums (TornadoBackend.COLUMN_CHUNK = 64): partial sums per chunk, then their sums.
        // 65 rows (a chunk and one row), 201 (three and a tail), 256 (exactly four). Float sums of ≤ 256 values of
        // ~N(0, 1) in another order than the reference's (double, rounded once): well under 2e-5 of ~16.
        long seed = 900;
        for (int[] shape : new int[][] {{65, 3}, {3, 67, 33}, {4, 64, 5}}) {
            for (boolean strided : new boolean[] {false, true}) {
                String what = label(shape, strided);
                int c = shape[shape.length - 1];
                Tensor x = input(seed++, strided, 1f, shape);
                Tensor outWant = input(seed, strided, 1f, c), outGot = input(seed++, strided, 1f, c);
                REF.columnSums(x, outWant);
                device.columnSums(x, outGot);
                ParityLog.check("columnSums tall", outWant.toArray(), outGot.toArray(), 1e-6, 2e-5, what + " (accumulated)");

                Tensor dy = input(seed++, strided, 1f, shape);
                int rows = x.numel() / c;
                Tensor mean = RandomTensors.normal(seed++, 0.1f, rows), rstd = RandomTensors.normal(seed++, 0.1f, rows);
                REF.add(rstd, filled(rstd.shape(), 1f), rstd);
                Tensor gamma = RandomTensors.normal(seed++, 1f, c);
                Tensor dgWant = input(seed, strided, 1f, c), dgGot = input(seed++, strided, 1f, c);
                Tensor dbWant = input(seed, strided, 1f, c), dbGot = input(seed++, strided, 1f, c);
                REF.layerNormBackward(dy, x, gamma, mean, rstd, null, dgWant, dbWant);
                device.layerNormBackward(dy, x, gamma, mean, rstd, null, dgGot, dbGot);
                ParityLog.check("layerNormBackward tall dgamma", dgWant.toArray(), dgGot.toArray(), 1e-6, 2e-5, what + " (accumulated)");
                ParityLog.check("layerNormBackward tall dbeta", dbWant.toArray(), dbGot.toArray(), 1e-6, 2e-5, what + " (accumulated)");
                Tensor dbOnly = Tensor.zeros(c), dbFromZero = Tensor.zeros(c);
                REF.layerNormBackward(dy, x, gamma, mean, rstd, null, null, dbFromZero);
                device.layerNormBackward(dy, x, gamma, mean, rstd, null, null, dbOnly);
                ParityLog.check("layerNormBackward tall dbeta", dbFromZero.data(), dbOnly.data(), 1e-6, 2e-5, what + " dbeta only");
            }
        }
    }

    @Test
    void columnSumsAndElementwiseOpsMatchReference() {
        long seed = 600;
        for (int[] shape : SHAPES) {
            for (boolean strided : new boolean[] {false, true}) {
                String what = label(shape, strided);
                int c = shape[shape.length - 1], rows = (int) (Tensor.numel(shape) / c);
                Tensor x = input(seed++, strided, 1f, shape);
                Tensor outWant = RandomTensors.normal(seed, 1f, c), outGot = RandomTensors.normal(seed++, 1f, c);
                REF.columnSums(x, outWant);
                device.columnSums(x, outGot);
                // Float sums of ≤ 6 rows of unit normals (the reference: double, rounded once): a few ulps of ~3.
                ParityLog.check("columnSums", outWant.data(), outGot.data(), 1e-6, 1e-6 * rows * rows, what + " (accumulated)");

                Tensor a = input(seed++, strided, 1f, shape), b = input(seed++, strided, 1f, shape);
                Tensor sumWant = input(seed, strided, 1f, shape), sumGot = input(seed++, strided, 1f, shape);
                REF.add(a, b, sumWant);
                device.add(a, b, sumGot);
                ParityLog.checkBitwise("add", sumWant.data(), sumGot.data(), what);

                Tensor yWant = input(seed, strided, 1f, shape), yGot = input(seed++, strided, 1f, shape);
                REF.axpy(-0.3f, a, yWant);
                device.axpy(-0.3f, a, yGot);
                // y + α·x: one product and one sum; the OpenCL compiler may fuse them (one rounding instead of two), so
                // the results may differ by one rounding of the product: ≤ u·|α·x| ≤ 6e-8 · 0.3 · 5.
                ParityLog.check("axpy", yWant.data(), yGot.data(), 1.2e-7, 1e-7, what);

                Tensor zWant = input(seed, strided, 1f, shape), zGot = input(seed++, strided, 1f, shape);
                REF.scale(zWant, 1.7f);
                device.scale(zGot, 1.7f);
                ParityLog.checkBitwise("scale", zWant.data(), zGot.data(), what);
            }
        }
    }

    // ---------------------------------------------------------------- inside a pass: device-resident tensors

    @Test
    void opsInsideAPassChainOnTheDeviceAndSyncOnlyWhenTheHostReads() {
        long seed = 700;
        for (int[] shape : SHAPES) {
            String what = label(shape, true);
            Tensor src = input(seed++, true, 1f, shape), other = input(seed++, true, 1f, shape);
            int[] wide = shape.clone();
            wide[wide.length - 1] += 3;
            // Reference on the heap: y = (copy(src) + other) · 1.5, with the last column of a wider buffer filled with 2.
            Tensor want = Tensor.zeros(wide);
            Tensor wantView = want.narrow(-1, 0, shape[shape.length - 1]);
            REF.copy(src, wantView);
            REF.add(wantView, other, wantView);
            REF.scale(wantView, 1.5f);
            REF.fill(want.narrow(-1, wide[wide.length - 1] - 1, 1), 2f);

            TransferCounter t = device.transfers();
            Tensor got;
            try (var pass = device.openPass()) {
                got = device.allocate(wide);
                Tensor gotView = got.narrow(-1, 0, shape[shape.length - 1]);
                t.reset();
                device.copy(src, gotView);
                device.add(gotView, other, gotView);
                device.scale(gotView, 1.5f);
                device.fill(got.narrow(-1, wide[wide.length - 1] - 1, 1), 2f);
                assertEquals(0, t.downloads(), what + ": nothing comes back while ops chain on the device");
                ParityLog.checkBitwise("copy/add/scale/fill in a pass", want.toArray(), got.toArray(), what);
                assertEquals(1, t.downloads(), what + ": the host read brings the tensor back once");
                assertEquals(4L * got.numel(), t.downloadBytes(), what + ": exactly the tensor");
                got.toArray();
                assertEquals(1, t.downloads(), what + ": a second host read needs no copy");
                device.scale(got, -1f);   // the host copy counted as current: the device op uploads it first
                REF.scale(want, -1f);
                ParityLog.checkBitwise("copy/add/scale/fill in a pass", want.toArray(), got.toArray(), what + ", after a host read");
                assertEquals(2, t.downloads(), what);
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, got::toArray, "a device tensor after its pass");
            assertTrue(e.getMessage().contains("after its pass"), e.getMessage());
        }
    }

    @Test
    void nestedScopesFreeTheirTemporariesAndMoveWhatTheyKeep() {
        Tensor outer, temp, kept, after;
        try (var pass = device.openPass()) {
            outer = device.allocate(3, 5);
            device.fill(outer, 1f);
            try (var frame = device.openPass()) {
                temp = device.allocate(7);
                device.fill(temp, 2f);
                kept = device.allocate(2, 4);   // not at the start of the frame's space: it has to move down
                device.fill(kept, 3f);
                frame.keep(kept);
            }
            assertThrows(IllegalStateException.class, temp::toArray, "a nested scope's temporary after it closed");
            after = device.allocate(11);        // takes the space the frame freed
            device.fill(after, 4f);
            assertArrayEquals(constant(8, 3f), kept.toArray(), "kept by the nested scope, moved into the pass");
            assertArrayEquals(constant(15, 1f), outer.toArray(), "the enclosing pass's own tensor");
            assertArrayEquals(constant(11, 4f), after.toArray(), "allocated after the nested scope closed");
            pass.keep(kept);
        }
        assertArrayEquals(constant(8, 3f), kept.toArray(), "kept by the outermost scope: now on the host");
        assertThrows(IllegalStateException.class, outer::toArray, "not kept: gone with the pass");
        device.scale(kept, 2f);
        assertArrayEquals(constant(8, 6f), kept.toArray(), "a kept tensor works like a heap tensor afterwards");
        try (var next = device.openPass()) {
            device.scale(kept, 0.5f);
            assertArrayEquals(constant(8, 3f), kept.toArray(), "read inside a later pass: its device mirror comes back first");
        }
    }

    private static float[] constant(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }
}
