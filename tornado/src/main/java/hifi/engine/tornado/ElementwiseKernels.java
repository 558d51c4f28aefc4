package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * Residual and bias ops as TornadoVM kernels: sums, {@code axpy}, scaling (one work-item per element, the same float
 * operation as the reference, so bit-identical) and column sums for bias gradients (one work-item per column, rows
 * summed in index order).
 */
public final class ElementwiseKernels {
    private ElementwiseKernels() {
    }

    /** {@code out = a + b}. */
    public static void add(FloatArray a, FloatArray b, FloatArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            out.set(i, a.get(i) + b.get(i));
        }
    }

    /** {@code y += alpha[0] · x}. */
    public static void axpy(FloatArray alpha, FloatArray x, FloatArray y, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            y.set(i, y.get(i) + alpha.get(0) * x.get(i));
        }
    }

    /** {@code x *= s[0]}. */
    public static void scale(FloatArray x, FloatArray s, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            x.set(i, x.get(i) * s.get(0));
        }
    }

    /** {@code out[j] += Σ_r x[r, j]}. */
    public static void columnSums(FloatArray x, FloatArray out, int rows, int c) {
        for (@Parallel int j = 0; j < c; j++) {
            float s = 0f;
            for (int r = 0; r < rows; r++) {
                s += x.get(r * c + j);
            }
            out.set(j, out.get(j) + s);
        }
    }
}
