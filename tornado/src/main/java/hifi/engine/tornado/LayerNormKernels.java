package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * LayerNorm forward and backward as TornadoVM kernels over {@code rows × c} packed rows. The forward and the input
 * gradient run one work-item per row (two-pass statistics: the mean first, then the variance of the centred values);
 * the parameter gradients run one work-item per column, summing over rows in index order, a separate task so that no
 * work-item reads another's partial sums.
 */
public final class LayerNormKernels {
    private LayerNormKernels() {
    }

    /** {@code y = (x − mean) · rstd · gamma + beta}, writing {@code mean[r]} and {@code rstd[r]}. */
    public static void forward(FloatArray x, FloatArray gamma, FloatArray beta, FloatArray eps, FloatArray y,
                               FloatArray mean, FloatArray rstd, int rows, int c) {
        for (@Parallel int r = 0; r < rows; r++) {
            int o = r * c;
            float mu = 0f;
            for (int j = 0; j < c; j++) {
                mu += x.get(o + j);
            }
            mu = mu / c;
            float var = 0f;
            for (int j = 0; j < c; j++) {
                float t = x.get(o + j) - mu;
                var += t * t;
            }
            var = var / c;
            float rs = 1f / TornadoMath.sqrt(var + eps.get(0));
            for (int j = 0; j < c; j++) {
                y.set(o + j, (x.get(o + j) - mu) * rs * gamma.get(j) + beta.get(j));
            }
            mean.set(r, mu);
            rstd.set(r, rs);
        }
    }

    /** {@code dx = (dy·gamma − mean(dy·gamma) − x̂ · mean(dy·gamma·x̂)) · rstd}, {@code x̂} the normalised input. */
    public static void inputGradient(FloatArray dy, FloatArray x, FloatArray gamma, FloatArray mean, FloatArray rstd,
                                     FloatArray dx, int rows, int c) {
        for (@Parallel int r = 0; r < rows; r++) {
            int o = r * c;
            float mu = mean.get(r);
            float rs = rstd.get(r);
            float sumD = 0f;
            float sumDN = 0f;
            for (int j = 0; j < c; j++) {
                float dn = dy.get(o + j) * gamma.get(j);
                sumD += dn;
                sumDN += dn * (x.get(o + j) - mu) * rs;
            }
            float meanD = sumD / c;
            float meanDN = sumDN / c;
            for (int j = 0; j < c; j++) {
                float norm = (x.get(o + j) - mu) * rs;
                dx.set(o + j, (dy.get(o + j) * gamma.get(j) - meanD - norm * meanDN) * rs);
            }
        }
    }

    /** {@code dgamma[j] += Σ_r dy[r, j] · x̂[r, j]} and {@code dbeta[j] += Σ_r dy[r, j]}. */
    public static void parameterGradients(FloatArray dy, FloatArray x, FloatArray mean, FloatArray rstd,
                                          FloatArray dgamma, FloatArray dbeta, int rows, int c) {
        for (@Parallel int j = 0; j < c; j++) {
            float dg = 0f;
            float db = 0f;
            for (int r = 0; r < rows; r++) {
                float d = dy.get(r * c + j);
                dg += d * (x.get(r * c + j) - mean.get(r)) * rstd.get(r);
                db += d;
            }
            dgamma.set(j, dgamma.get(j) + dg);
            dbeta.set(j, dbeta.get(j) + db);
        }
    }
}
