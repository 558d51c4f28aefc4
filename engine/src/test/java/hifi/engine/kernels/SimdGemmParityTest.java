package hifi.engine.kernels;

import hifi.engine.backend.Backend;
import hifi.engine.backend.ReferenceBackend;
import hifi.engine.backend.SimdBackend;
import hifi.engine.tensor.HeapStorage;
import hifi.engine.tensor.ShapeException;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link SimdGemm} (through {@link SimdBackend#gemm}) against the scalar {@link ReferenceGemm} (double accumulation)
 * on random shapes, all four transpose combinations, batched and strided views, alpha, accumulate and bias — at the
 * preferred species, 256 and 128 bits.
 *
 * <p><b>Tolerance.</b> Each output is a K-term float sum formed with one rounding per fused multiply-add, then scaled
 * by alpha, added to C and to the bias (three more roundings). The standard bound for recursive summation (Higham,
 * <i>Accuracy and Stability of Numerical Algorithms</i>, §3.1) gives
 * {@code |c − exact| ≤ γ_{K+3} · (|α|·Σ_k |a_ik||b_kj| + |c_old| + |bias_j|)} with {@code γ_n = n·u/(1 − n·u)} and
 * {@code u = 2⁻²⁴}. The reference is exact up to its final rounding to float (another u of the same magnitude), so
 * we allow {@code 2·(K+3)·u} times that magnitude, a worst-case (never flaky) bound that still grows with K as the
 * error does. Elements of C's storage outside the output view must stay bit-identical.
 */
class SimdGemmParityTest {
    private static final double U = Math.ulp(1.0f) / 2;
    private static final int[] DIMS = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 47, 64, 65, 100};
    private static final int[] DEPTHS = {1, 2, 5, 16, 17, 64, 129, 255, 256, 257, 300, 1030}; // 1030: two K blocks

    private final Backend reference = new ReferenceBackend();

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {0, 256, 128})
    void randomShapesAllTransposes(int bits) {
        Backend simd = SimdBackend.create(bits);
        SplittableRandom rnd = new SplittableRandom(1000 + bits);
        for (int round = 0; round < 12; round++) {
            int m = pick(rnd, DIMS), n = pick(rnd, DIMS), k = pick(rnd, DEPTHS);
            for (int combo = 0; combo < 4; combo++) {
                boolean ta = (combo & 1) != 0, tb = (combo & 2) != 0;
                boolean accumulate = rnd.nextBoolean();
                float alpha = rnd.nextBoolean() ? 1f : (float) (rnd.nextDouble() * 4 - 2);
                Tensor bias = rnd.nextBoolean() ? random(rnd, n) : null;
                check(simd, matrix(rnd, ta, m, k), ta, matrix(rnd, tb, k, n), tb, random(rnd, m, n), alpha, accumulate, bias);
            }
        }
    }

    /** Shapes that cross every cache block (mc, nc, kc) with ragged remainders. */
    @ParameterizedTest(name = "transA={0}")
    @ValueSource(booleans = {false, true})
    void blockBoundaries(boolean transA) {
        Backend simd = SimdBackend.create(0);
        SplittableRandom rnd = new SplittableRandom(7);
        int m = 2 * 64 + 3, n = 1024 + 21, k = 1024 + 5;
        check(simd, matrix(rnd, transA, m, k), transA, matrix(rnd, !transA, k, n), !transA, random(rnd, m, n),
                0.5f, true, random(rnd, n));
    }

    /** Attention: head slices of a [B·T, hidden] activation seen as [B, H, T, dh] (row stride = hidden). */
    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {0, 256})
    void batchedHeadSlices(int bits) {
        Backend simd = SimdBackend.create(bits);
        SplittableRandom rnd = new SplittableRandom(3);
        int batch = 2, t = 13, heads = 3, dh = 20, hidden = heads * dh;
        Tensor q = heads(random(rnd, batch * t, hidden), batch, t, heads, dh);
        Tensor key = heads(random(rnd, batch * t, hidden), batch, t, heads, dh);
        Tensor v = heads(random(rnd, batch * t, hidden), batch, t, heads, dh);
        Tensor scores = random(rnd, batch, heads, t, t);
        check(simd, q, false, key, true, scores, 0.125f, false, null);                       // Q·Kᵀ
        check(simd, scores, false, v, false, heads(random(rnd, batch * t, hidden), batch, t, heads, dh), 1f, false, null); // P·V
        check(simd, scores, true, q, false, heads(random(rnd, batch * t, hidden), batch, t, heads, dh), 1f, true, null);   // dK = dSᵀ·Q
        check(simd, v, false, q, true, random(rnd, batch, heads, t, t), 1f, false, null);      // dP = dO·Vᵀ
    }

    @Test
    void zeroDepthGivesBiasPlusC() {
        Backend simd = SimdBackend.create(0);
        SplittableRandom rnd = new SplittableRandom(5);
        check(simd, random(rnd, 4, 0), false, random(rnd, 0, 6), false, random(rnd, 4, 6), 1f, true, random(rnd, 6));
    }

    /** Every output element is computed by one thread with a fixed K order, so the bits cannot depend on threads. */
    @Test
    void identicalBitsForAnyThreadCount() {
        Backend simd = SimdBackend.create(0);
        int saved = simd.workers().threads();
        try {
            SplittableRandom rnd = new SplittableRandom(11);
            int[][] shapes = {{1, 157, 603, 301}, {1, 611, 37, 290}, {3, 65, 70, 129}, {1, 1, 2000, 700}};
            for (int[] sh : shapes) {
                for (int combo = 0; combo < 4; combo++) {
                    boolean ta = (combo & 1) != 0, tb = (combo & 2) != 0;
                    Tensor a = ta ? random(rnd, sh[0], sh[3], sh[1]) : random(rnd, sh[0], sh[1], sh[3]);
                    Tensor b = tb ? random(rnd, sh[0], sh[2], sh[3]) : random(rnd, sh[0], sh[3], sh[2]);
                    Tensor bias = random(rnd, sh[2]);
                    float[] first = null;
                    for (int threads : new int[] {1, 2, 3}) {
                        simd.workers().setThreads(threads);
                        Tensor c = Tensor.zeros(sh[0], sh[1], sh[2]);
                        simd.gemm(a, ta, b, tb, c, 0.7f, false, bias);
                        if (first == null) first = c.toArray();
                        else assertArrayEquals(first, c.toArray(), "threads=" + threads + " shape " + java.util.Arrays.toString(sh));
                    }
                }
            }
        } finally {
            simd.workers().setThreads(saved);
        }
    }

    @Test
    void shapeErrorsNameOpAndShapes() {
        Backend simd = SimdBackend.create(0);
        ShapeException e = assertThrows(ShapeException.class,
                () -> simd.gemm(Tensor.zeros(4, 5), false, Tensor.zeros(6, 7), false, Tensor.zeros(4, 7), 1f, false, null));
        assertTrue(e.getMessage().contains("gemm") && e.getMessage().contains("[4, 5]") && e.getMessage().contains("[6, 7]"),
                e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> simd.gemm(Tensor.zeros(4, 5), false, Tensor.zeros(7, 5), true, Tensor.zeros(4, 7), 1f, false, Tensor.zeros(6)));
        assertTrue(e.getMessage().contains("gemm") && e.getMessage().contains("[6]"), e.getMessage());
    }

    /** The specialised copies (see ClassSpecializer) are distinct per parameter: tile width follows the species. */
    @Test
    void kernelCopyPerSpecies() {
        assertEquals(32, SliverPacker.forWidth(32).width());
        assertTrue(SliverPacker.forWidth(8) == SliverPacker.forWidth(8), "packer cached");
        for (int bits : new int[] {128, 256, 512}) {
            VectorSpecies<Float> sp = VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
            GemmTileKernel kernel = GemmTileKernels.forSpecies(sp);
            assertEquals(2 * sp.length(), kernel.nr(), "species " + sp);
            assertTrue(kernel == GemmTileKernels.forSpecies(sp), "cached");
        }
        assertEquals(2 * FloatVector.SPECIES_PREFERRED.length(), GemmTileKernels.forSpecies(FloatVector.SPECIES_PREFERRED).nr());
    }

    // ---------------------------------------------------------------- helpers

    private void check(Backend simd, Tensor a, boolean ta, Tensor b, boolean tb, Tensor c, float alpha, boolean accumulate,
                       Tensor bias) {
        Tensor cRef = sameView(c, c.data().clone());
        Tensor cSimd = sameView(c, c.data().clone());
        reference.gemm(a, ta, b, tb, cRef, alpha, accumulate, bias);
        simd.gemm(a, ta, b, tb, cSimd, alpha, accumulate, bias);

        // magnitude |α|·Σ|a||b| + |c_old| + |bias| of every output element, laid out like C's storage
        Tensor mag = sameView(c, new float[c.data().length]);
        reference.gemm(sameView(a, abs(a.data())), ta, sameView(b, abs(b.data())), tb, mag, Math.abs(alpha), false,
                bias == null ? null : sameView(bias, abs(bias.data())));
        if (accumulate) reference.add(mag, sameView(c, abs(c.data())), mag);
        int k = ta ? a.dim(-2) : a.dim(-1);
        double rel = 2.0 * (k + 3) * U;
        float[] want = cRef.data(), got = cSimd.data(), m = mag.data();
        for (int i = 0; i < want.length; i++) {
            double tol = rel * m[i] + Float.MIN_NORMAL;
            if (!(Math.abs(got[i] - want[i]) <= tol)) {
                fail(String.format("storage index %d: simd %s, reference %s, tolerance %.3g (K=%d, A %s%s, B %s%s, alpha %s, acc %s, bias %s)",
                        i, got[i], want[i], tol, k, java.util.Arrays.toString(a.shape()), ta ? "ᵀ" : "",
                        java.util.Arrays.toString(b.shape()), tb ? "ᵀ" : "", alpha, accumulate, bias != null));
            }
        }
    }

    private static Tensor heads(Tensor x, int batch, int t, int heads, int dh) {
        return x.view(batch, t, heads, dh).permute(0, 2, 1, 3);
    }

    private static Tensor sameView(Tensor t, float[] data) {
        return Tensor.over(new HeapStorage(data), t.offset(), t.shape(), t.strides());
    }

    private static float[] abs(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]);
        return y;
    }

    /** A {@code rows × cols} operand, stored transposed when {@code trans}; sometimes a column slice of a wider one. */
    private static Tensor matrix(SplittableRandom rnd, boolean trans, int rows, int cols) {
        int r = trans ? cols : rows, c = trans ? rows : cols;
        if (rnd.nextBoolean()) return random(rnd, r, c);
        int pad = 1 + rnd.nextInt(5);
        return random(rnd, r, c + pad).narrow(1, rnd.nextInt(pad + 1), c);
    }

    private static Tensor random(SplittableRandom rnd, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (rnd.nextDouble() * 2 - 1);
        return t;
    }

    private static int pick(SplittableRandom rnd, int[] values) {
        return values[rnd.nextInt(values.length)];
    }
}
