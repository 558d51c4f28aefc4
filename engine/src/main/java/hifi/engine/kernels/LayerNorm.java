package hifi.engine.kernels;

import hifi.engine.runtime.RowLayout;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row-wise LayerNorm over the last dimension and its backward. Statistics are two-pass in float (mean first, then
 * the mean of squared deviations), which stays accurate when the mean is large relative to the spread, unlike the
 * one-pass {@code E[x²] − E[x]²}.
 *
 * <p>Parallel split: rows for {@code y} and {@code dx}; columns for {@code dgamma}/{@code dbeta}, each column summed
 * over the rows in order by one task, so every result is independent of the thread count.
 */
public final class LayerNorm {
    private LayerNorm() {
    }

    /** {@code y = (x − mean) · rstd · gamma + beta}; writes {@code mean} and {@code rstd}; {@code y} may be {@code x}. */
    public static void forward(VectorSpecies<Float> s, WorkerPool pool, Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd) {
        RowLayout rx = new RowLayout("layerNorm", x), ry = new RowLayout("layerNorm", y);
        float[] xd = x.data(), yd = y.data(), g = gamma.data(), b = beta.data(), md = mean.data(), rd = rstd.data();
        int c = rx.length(), og = gamma.offset(), ob = beta.offset();
        Segments.forRows(pool, rx.count(), c, (from, to) -> {
            for (int r = from; r < to; r++) {
                int ox = rx.offset(r), oy = ry.offset(r);
                float mu = VectorRows.sum(s, xd, ox, c) / c;
                float rs = (float) (1.0 / Math.sqrt(VectorRows.sumSquaredDeviations(s, xd, ox, c, mu) / c + eps));
                md[mean.offset() + r] = mu;
                rd[rstd.offset() + r] = rs;
                int j = 0;
                for (int bound = s.loopBound(c); j < bound; j += s.length()) {
                    FloatVector norm = FloatVector.fromArray(s, xd, ox + j).sub(mu).mul(rs);
                    norm.fma(FloatVector.fromArray(s, g, og + j), FloatVector.fromArray(s, b, ob + j)).intoArray(yd, oy + j);
                }
                if (j < c) {
                    VectorMask<Float> m = s.indexInRange(j, c);
                    FloatVector norm = FloatVector.fromArray(s, xd, ox + j, m).sub(mu).mul(rs);
                    norm.fma(FloatVector.fromArray(s, g, og + j, m), FloatVector.fromArray(s, b, ob + j, m)).intoArray(yd, oy + j, m);
                }
            }
        });
    }

    /**
     * Accumulates {@code dgamma += Σ_r dy ⊙ norm} and {@code dbeta += Σ_r dy} (either may be {@code null}: frozen),
     * then overwrites {@code dx} (unless {@code null}) with
     * {@code rstd · (dy⊙gamma − mean(dy⊙gamma) − norm · mean(dy⊙gamma⊙norm))}, {@code norm = (x − mean) · rstd}.
     */
    public static void backward(VectorSpecies<Float> s, WorkerPool pool, Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd,
                                Tensor dx, Tensor dgamma, Tensor dbeta) {
        RowLayout rdy = new RowLayout("layerNormBackward", dy), rx = new RowLayout("layerNormBackward", x);
        if (dgamma != null || dbeta != null) parameterGradients(s, pool, dy, rdy, x, rx, mean, rstd, dgamma, dbeta);
        if (dx != null) inputGradient(s, pool, dy, rdy, x, rx, gamma, mean, rstd, dx);
    }

    private static void inputGradient(VectorSpecies<Float> s, WorkerPool pool, Tensor dy, RowLayout rdy, Tensor x, RowLayout rx,
                                      Tensor gamma, Tensor mean, Tensor rstd, Tensor dx) {
        RowLayout rdx = new RowLayout("layerNormBackward", dx);
        float[] dyd = dy.data(), xd = x.data(), g = gamma.data(), dxd = dx.data(), md = mean.data(), rd = rstd.data();
        int c = rx.length(), og = gamma.offset(), lanes = s.length();
        Segments.forRows(pool, rx.count(), c, (from, to) -> {
            float[] sums = new float[2 * lanes];  // per-lane Σ dn and Σ dn·norm (see VectorRows on why not registers)
            for (int r = from; r < to; r++) {
                int ody = rdy.offset(r), ox = rx.offset(r), odx = rdx.offset(r);
                float mu = md[mean.offset() + r], rs = rd[rstd.offset() + r];
                java.util.Arrays.fill(sums, 0f);
                // Pass 1: Σ dn and Σ dn·norm, with dn = dy ⊙ gamma and norm = (x − mean) · rstd.
                for (int j = 0; j < c; j += lanes) {
                    VectorMask<Float> m = s.indexInRange(j, c);
                    FloatVector norm = FloatVector.fromArray(s, xd, ox + j, m).sub(mu).mul(rs);
                    FloatVector dn = FloatVector.fromArray(s, dyd, ody + j, m).mul(FloatVector.fromArray(s, g, og + j, m));
                    FloatVector.fromArray(s, sums, 0).add(dn, m).intoArray(sums, 0);
                    FloatVector.fromArray(s, sums, lanes).add(dn.mul(norm), m).intoArray(sums, lanes);
                }
                float meanD = VectorRows.sumInOrder(sums, 0, lanes) / c;
                float meanDN = VectorRows.sumInOrder(sums, lanes, 2 * lanes) / c;
                // Pass 2: dx = (dn − meanD − norm·meanDN) · rstd.
                for (int j = 0; j < c; j += lanes) {
                    VectorMask<Float> m = s.indexInRange(j, c);
                    FloatVector norm = FloatVector.fromArray(s, xd, ox + j, m).sub(mu).mul(rs);
                    FloatVector dn = FloatVector.fromArray(s, dyd, ody + j, m).mul(FloatVector.fromArray(s, g, og + j, m));
                    dn.sub(meanD).sub(norm.mul(meanDN)).mul(rs).intoArray(dxd, odx + j, m);
                }
            }
        });
    }

    private static void parameterGradients(VectorSpecies<Float> s, WorkerPool pool, Tensor dy, RowLayout rdy, Tensor x, RowLayout rx,
                                           Tensor mean, Tensor rstd, Tensor dgamma, Tensor dbeta) {
        float[] dyd = dy.data(), xd = x.data(), md = mean.data(), rd = rstd.data();
        int c = rx.length(), rows = rx.count();
        int[] dyRows = Segments.rowOffsets(rdy), xRows = Segments.rowOffsets(rx);
        Segments.forColumns(pool, c, rows, s.length(), (from, to) -> {
            // Column block [from, to): partial sums in arrays, rows added in order (see VectorRows on why not registers).
            int width = to - from;
            float[] accG = new float[width], accB = new float[width];
            for (int r = 0; r < rows; r++) {
                float mu = md[mean.offset() + r], rs = rd[rstd.offset() + r];
                for (int j = 0; j < width; j += s.length()) {
                    VectorMask<Float> m = s.indexInRange(j, width);
                    FloatVector d = FloatVector.fromArray(s, dyd, dyRows[r] + from + j, m);
                    FloatVector norm = FloatVector.fromArray(s, xd, xRows[r] + from + j, m).sub(mu).mul(rs);
                    d.fma(norm, FloatVector.fromArray(s, accG, j, m)).intoArray(accG, j, m);
                    FloatVector.fromArray(s, accB, j, m).add(d).intoArray(accB, j, m);
                }
            }
            if (dgamma != null) VectorRows.add(s, accG, 0, dgamma.data(), dgamma.offset() + from, dgamma.data(), dgamma.offset() + from, width);
            if (dbeta != null) VectorRows.add(s, accB, 0, dbeta.data(), dbeta.offset() + from, dbeta.data(), dbeta.offset() + from, width);
        });
    }
}
