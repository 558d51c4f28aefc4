package hifi.method.scoring;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.Random;

/** Small double-precision helpers shared by the scoring tests: random matrices and plain Gram products. */
public final class TestMatrices {
    private TestMatrices() {
    }

    public static double[][] gaussian(Random rnd, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] r : m) for (int j = 0; j < cols; j++) r[j] = rnd.nextGaussian();
        return m;
    }

    /** A random orthogonal {@code k × k} matrix: Q of the QR decomposition of a Gaussian matrix. */
    public static double[][] orthogonal(Random rnd, int k) {
        RealMatrix q = new QRDecomposition(new Array2DRowRealMatrix(gaussian(rnd, k, k))).getQ();
        return q.getData();
    }

    public static double[][] multiply(double[][] a, double[][] b) {
        return new Array2DRowRealMatrix(a).multiply(new Array2DRowRealMatrix(b)).getData();
    }

    /** {@code Xᵀ Y} as a row-major array. */
    public static double[] crossGram(double[][] x, double[][] y) {
        int n = x.length, p = x[0].length, q = y[0].length;
        double[] g = new double[p * q];
        for (int t = 0; t < n; t++) for (int i = 0; i < p; i++) for (int j = 0; j < q; j++) g[i * q + j] += x[t][i] * y[t][j];
        return g;
    }

    /** {@code X} minus its column means. */
    public static double[][] centred(double[][] x) {
        int n = x.length, k = x[0].length;
        double[][] z = new double[n][k];
        for (int j = 0; j < k; j++) {
            double mean = 0;
            for (double[] r : x) mean += r[j];
            mean /= n;
            for (int t = 0; t < n; t++) z[t][j] = x[t][j] - mean;
        }
        return z;
    }

    public static double[][] scaled(double[][] x, double s) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
            for (int j = 0; j < y[i].length; j++) y[i][j] *= s;
        }
        return y;
    }
}
