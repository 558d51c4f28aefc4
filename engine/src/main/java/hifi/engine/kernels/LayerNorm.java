package hifi.engine.kernels;

import hifi.engine.backend.RowLayout;
import hifi.engine.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
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
    public static void forward(VectorSpecies<Float> s, Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd) {
        RowLayout rx = new RowLayout("layerNorm", x), ry = new RowLayout("layerNorm", y);
        float[] xd = x.data(), yd = y.data(), g = gamma.data(), b = beta.data(), md = mean.data(), rd = rstd.data();
        int c = rx.length(), og = gamma.offset(), ob = beta.offset();
        Segments.forRows(rx.count(), c, (from, to) -> {
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
    public static void backward(VectorSpecies<Float> s, Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd,
                                Tensor dx, Tensor dgamma, Tensor dbeta) {
        RowLayout rdy = new RowLayout("layerNormBackward", dy), rx = new RowLayout("layerNormBackward", x);
        if (dgamma != null || dbeta != null) parameterGradients(s, dy, rdy, x, rx, mean, rstd, dgamma, dbeta);
        if (dx != null) inputGradient(s, dy, rdy, x, rx, gamma, mean, rstd, dx);
    }

    private static void inputGradient(VectorSpecies<Float> s, Tensor dy, RowLayout rdy, Tensor x, RowLayout rx,
                                      Tensor gamma, Tensor mean, Tensor rstd, Tensor dx) {
        RowLayout rdx = new RowLayout("layerNormBackward", dx);
        float[] dyd = dy.data(), xd = x.data(), g = gamma.data(), dxd = dx.data();
        int c = rx.length(), og = gamma.offset();
        Segments.forRows(rx.count(), c, (from, to) -> {
            for (int r = from; r < to; r++) {
                int ody = rdy.offset(r), ox = rx.offset(r), odx = rdx.offset(r);
                float mu = mean.data()[mean.offset() + r], rs = rstd.data()[rstd.offset() + r];
                // Pass 1: Σ dn and Σ dn·norm, dn = dy ⊙ gamma.
                FloatVector sumD = FloatVector.zero(s), sumDN = FloatVector.zero(s);
                for (int j = 0; j < c; j += s.length()) {
                    VectorMask<Float> m = s.indexInRange(j, c);
                    FloatVector norm = FloatVector.fromArray(s, xd, ox + j, m).sub(mu).mul(rs);
                    FloatVector dn = FloatVector.fromArray(s, dyd, ody + j, m).mul(FloatVector.fromArray(s, g, og + j, m));
                    sumD = sumD.add(dn, m);
                    sumDN = sumDN.add(dn.mul(norm), m);
                }
                float meanD = VectorMath.sumLanes(sumD) / c;
                float meanDN = VectorMath.sumLanes(sumDN) / c;
                // Pass 2: dx = (dn − meanD − norm·meanDN) · rstd.
                for (int j = 0; j < c; j += s.length()) {
                    VectorMask<Float> m = s.indexInRange(j, c);
                    FloatVector norm = FloatVector.fromArray(s, xd, ox + j, m).sub(mu).mul(rs);
                    FloatVector dn = FloatVector.fromArray(s, dyd, ody + j, m).mul(FloatVector.fromArray(s, g, og + j, m));
                    dn.sub(meanD).sub(norm.mul(meanDN)).mul(rs).intoArray(dxd, odx + j, m);
                }
            }
        });
    }

    private static void parameterGradients(VectorSpecies<Float> s, Tensor dy, RowLayout rdy, Tensor x, RowLayout rx,
                                           Tensor mean, Tensor rstd, Tensor dgamma, Tensor dbeta) {
        float[] dyd = dy.data(), xd = x.data(), md = mean.data(), rd = rstd.data();
        int c = rx.length(), rows = rx.count();
        int[] dyRows = Segments.rowOffsets(rdy), xRows = Segments.rowOffsets(rx);
        Segments.forColumns(c, rows, s.length(), (from, to) -> {
            for (int j = from; j < to; j += s.length()) {
                VectorMask<Float> m = s.indexInRange(j, to);
                FloatVector accG = FloatVector.zero(s), accB = FloatVector.zero(s);
                for (int r = 0; r < rows; r++) {
                    FloatVector d = FloatVector.fromArray(s, dyd, dyRows[r] + j, m);
                    FloatVector norm = FloatVector.fromArray(s, xd, xRows[r] + j, m)
                            .sub(md[mean.offset() + r]).mul(rd[rstd.offset() + r]);
                    accG = d.fma(norm, accG);
                    accB = accB.add(d);
                }
                if (dgamma != null) accumulate(s, accG, dgamma, j, m);
                if (dbeta != null) accumulate(s, accB, dbeta, j, m);
            }
        });
    }

    private static void accumulate(VectorSpecies<Float> s, FloatVector v, Tensor out, int j, VectorMask<Float> m) {
        float[] o = out.data();
        int at = out.offset() + j;
        FloatVector.fromArray(s, o, at, m).add(v).intoArray(o, at, m);
    }
}
