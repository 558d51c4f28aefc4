package hifi.method.scoring;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Oracle: Commons Math's {@code EigenDecomposition}. Tolerance {@code 1e-12 · max|λ|}: both solvers are backward
 * stable with errors of a few {@code 1e-16 · ‖A‖} times a small multiple of n; 1e-12 leaves ample room at n = 64.
 */
class SymmetricEigenvaluesTest {

    private static void assertMatchesCommonsMath(double[][] a) {
        int n = a.length;
        double[] expected = new EigenDecomposition(new Array2DRowRealMatrix(a)).getRealEigenvalues();
        Arrays.sort(expected);
        double[] flat = new double[n * n];
        for (int i = 0; i < n; i++) System.arraycopy(a[i], 0, flat, i * n, n);
        double[] got = SymmetricEigenvalues.of(flat, n);
        double scale = 1e-300;
        for (double v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < n; i++) {
            assertEquals(expected[n - 1 - i], got[i], 1e-12 * scale, "eigenvalue " + i + " of a " + n + "×" + n + " matrix");
        }
    }

    private static double[][] randomSymmetric(Random rnd, int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = i; j < n; j++) a[i][j] = a[j][i] = rnd.nextGaussian();
        return a;
    }

    @Test
    void randomSymmetricMatricesOfManySizes() {
        Random rnd = new Random(11);
        for (int n : new int[] {1, 2, 3, 4, 5, 7, 16, 33, 64}) {
            for (int rep = 0; rep < 3; rep++) assertMatchesCommonsMath(randomSymmetric(rnd, n));
        }
    }

    @Test
    void rankDeficientGramMatrices() {
        Random rnd = new Random(12);
        for (int[] shape : new int[][] {{3, 64}, {10, 64}, {63, 64}, {1, 8}}) {
            double[][] o = TestMatrices.gaussian(rnd, shape[0], shape[1]);
            double[] g = TestMatrices.crossGram(o, o);
            int k = shape[1];
            double[][] a = new double[k][k];
            for (int i = 0; i < k; i++) System.arraycopy(g, i * k, a[i], 0, k);
            assertMatchesCommonsMath(a);
        }
    }

    @Test
    void structuredMatrices() {
        int n = 9;
        double[][] zero = new double[n][n];
        double[][] identity = new double[n][n];
        double[][] repeated = new double[n][n];
        double[][] tridiagonal = new double[n][n];
        for (int i = 0; i < n; i++) {
            identity[i][i] = 1;
            repeated[i][i] = i < 4 ? 2.5 : -1;
            tridiagonal[i][i] = 2;
            if (i + 1 < n) tridiagonal[i][i + 1] = tridiagonal[i + 1][i] = -1;
        }
        assertMatchesCommonsMath(zero);
        assertMatchesCommonsMath(identity);
        // a repeated spectrum hidden by a random rotation: Q diag Qᵀ
        double[][] q = TestMatrices.orthogonal(new Random(3), n);
        double[][] qt = new Array2DRowRealMatrix(q).transpose().getData();
        assertMatchesCommonsMath(TestMatrices.multiply(TestMatrices.multiply(q, repeated), qt));
        assertMatchesCommonsMath(tridiagonal);
    }

    @Test
    void readsOnlyTheUpperTriangle() {
        double[] a = {2, 1, 999, 3};  // lower entry is garbage
        double[] got = SymmetricEigenvalues.of(a, 2);
        double d = Math.sqrt(0.25 + 1);
        assertEquals(2.5 + d, got[0], 1e-14);
        assertEquals(2.5 - d, got[1], 1e-14);
    }

    @Test
    void rejectsShortArrays() {
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigenvalues.of(new double[3], 2));
    }
}
