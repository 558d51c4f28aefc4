package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * Row softmax and its backward as TornadoVM kernels: one work-item per row of {@code n} floats (rows packed
 * contiguous by the host). Float sums in index order; the reference uses double, the parity tests bound the difference.
 */
public final class SoftmaxKernels {
    private SoftmaxKernels() {
    }

    /**
     * In place: {@code x[r] = softmax(x[r] + mask[r / perBatch])}. {@code mask} is {@code [rows / perBatch, n]}
     * when {@code hasMask == 1} (a one-element placeholder otherwise). A row whose entries are all masked by the same
     * large negative value comes out uniform, as in the reference.
     */
    public static void softmax(FloatArray x, FloatArray mask, int rows, int n, int perBatch, int hasMask) {
        for (@Parallel int r = 0; r < rows; r++) {
            int o = r * n;
            int mo = (r / perBatch) * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                float v = x.get(o + j);
                if (hasMask == 1) {
                    v += mask.get(mo + j);
                }
                x.set(o + j, v);
                max = TornadoMath.max(max, v);
            }
            float sum = 0f;
            for (int j = 0; j < n; j++) {
                float e = TornadoMath.exp(x.get(o + j) - max);
                x.set(o + j, e);
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < n; j++) {
                x.set(o + j, x.get(o + j) * inv);
            }
        }
    }

    /** {@code dx[r] = y[r] ⊙ (dy[r] − y[r]·dy[r])}. */
    public static void backward(FloatArray y, FloatArray dy, FloatArray dx, int rows, int n) {
        for (@Parallel int r = 0; r < rows; r++) {
            int o = r * n;
            float dot = 0f;
            for (int j = 0; j < n; j++) {
                dot += y.get(o + j) * dy.get(o + j);
            }
            for (int j = 0; j < n; j++) {
                dx.set(o + j, y.get(o + j) * (dy.get(o + j) - dot));
            }
        }
    }
}
