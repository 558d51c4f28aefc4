package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import static hifi.engine.tornado.ArenaAddress.VIEW;
import static hifi.engine.tornado.ArenaAddress.row;

/** LayerNorm over the last dimension and its backward, with two-pass statistics, in float. */
public final class LayerNormKernels {
    /** Descriptor head: work, rows, c, then the bases of gamma, beta (dgamma in the parameter gradients), mean, rstd, dbeta, and the dgamma/dbeta flags. */
    static final int GAMMA = 3, BETA = 4, DGAMMA = 4, MEAN = 5, RSTD = 6, DBETA = 7, HAS_DGAMMA = 8, HAS_DBETA = 9;
    /** Views: x, y (forward) or dy, x, dx (backward). */
    static final int V0 = 10, V1 = V0 + VIEW, V2 = V1 + VIEW;
    /** Parameter gradients: rows per chunk and the accumulate flag, after the two views. */
    static final int CHUNK = V2, ACCUMULATE = V2 + 1;

    private LayerNormKernels() {
    }

    /** {@code y = (x − mean) · rstd · gamma + beta} per row, writing {@code mean[r]} and {@code rstd[r]}; eps is {@code f[0]}. */
    public static void forward(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int r = ctx.globalIdx;
        if (r < d.get(0)) {
            int c = d.get(2);
            int x = row(d, V0, r);
            int y = row(d, V1, r);
            float mu = 0f;
            for (int j = 0; j < c; j++) {
                mu += m.get(x + j);
            }
            mu = mu / c;
            float var = 0f;
            for (int j = 0; j < c; j++) {
                float t = m.get(x + j) - mu;
                var += t * t;
            }
            var = var / c;
            float rs = 1f / TornadoMath.sqrt(var + f.get(0));
            for (int j = 0; j < c; j++) {
                m.set(y + j, (m.get(x + j) - mu) * rs * m.get(d.get(GAMMA) + j) + m.get(d.get(BETA) + j));
            }
            m.set(d.get(MEAN) + r, mu);
            m.set(d.get(RSTD) + r, rs);
        }
    }

    /** {@code dx = (dy·gamma − mean(dy·gamma) − x̂ · mean(dy·gamma·x̂)) · rstd} per row (views dy, x, dx; dx must not overlap dy or x). */
    public static void inputGradient(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int r = ctx.globalIdx;
        if (r < d.get(0)) {
            int c = d.get(2);
            int dy = row(d, V0, r);
            int x = row(d, V1, r);
            int dx = row(d, V2, r);
            int gamma = d.get(GAMMA);
            float mu = m.get(d.get(MEAN) + r);
            float rs = m.get(d.get(RSTD) + r);
            float sumD = 0f;
            float sumDN = 0f;
            for (int j = 0; j < c; j++) {
                float dn = m.get(dy + j) * m.get(gamma + j);
                m.set(dx + j, dn);
                sumD += dn;
                sumDN += dn * (m.get(x + j) - mu) * rs;
            }
            float meanD = sumD / c;
            float meanDN = sumDN / c;
            // dy·gamma is read back from dx, not recomputed: a GPU compiler may fuse a recomputed product into its
            // subtraction (an FMA, with the product unrounded), and with c = 1 (x̂ = 0, rstd = 1/√eps) that one-ulp
            // difference from meanD comes out multiplied by 10⁶
            for (int j = 0; j < c; j++) {
                float norm = (m.get(x + j) - mu) * rs;
                m.set(dx + j, (m.get(dx + j) - meanD - norm * meanDN) * rs);
            }
        }
    }

    /**
     * {@code Σ dy · x̂} and {@code Σ dy} over a chunk of rows: work-item {@code e} takes column {@code j = e % c} and the
     * rows of chunk {@code e / c} ({@code d[CHUNK]} rows each, in order) and writes the sums to {@code d[DGAMMA] + e}
     * and {@code d[DBETA] + e} (as flagged), added to what is there when {@code d[ACCUMULATE]} is 1. With one chunk of
     * all rows that is {@code dgamma[j] += Σ_r dy[r, j] · x̂[r, j]}, {@code dbeta[j] += Σ_r dy[r, j]}; a tall matrix
     * writes {@code [chunks, c]} partial sums, which {@link ElementwiseKernels#columnSums} then adds up (views dy, x).
     */
    public static void parameterGradients(KernelContext ctx, FloatArray m, IntArray d, FloatArray f) {
        int e = ctx.globalIdx;
        if (e < d.get(0)) {
            int c = d.get(2);
            int chunk = d.get(CHUNK);
            int first = e / c * chunk;
            int j = e % c;
            int end = Math.min(d.get(1), first + chunk);
            float dg = 0f;
            float db = 0f;
            for (int r = first; r < end; r++) {
                float dy = m.get(row(d, V0, r) + j);
                dg += dy * (m.get(row(d, V1, r) + j) - m.get(d.get(MEAN) + r)) * m.get(d.get(RSTD) + r);
                db += dy;
            }
            int accumulate = d.get(ACCUMULATE);
            if (d.get(HAS_DGAMMA) == 1) {
                int t = d.get(DGAMMA) + e;
                m.set(t, accumulate == 1 ? m.get(t) + dg : dg);
            }
            if (d.get(HAS_DBETA) == 1) {
                int t = d.get(DBETA) + e;
                m.set(t, accumulate == 1 ? m.get(t) + db : db);
            }
        }
    }
}
