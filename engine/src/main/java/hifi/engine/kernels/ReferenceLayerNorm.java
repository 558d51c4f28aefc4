package hifi.engine.kernels;

import hifi.engine.runtime.RowLayout;
import hifi.engine.tensor.Tensor;

/**
 * The scalar reference of {@link LayerNorm}: two-pass statistics and every sum in {@code double}. Arguments are
 * checked by the caller (the backend front).
 */
public final class ReferenceLayerNorm {
    private ReferenceLayerNorm() {
    }

    /** {@code y = (x − mean) · rstd · gamma + beta} row by row, writing {@code mean} and {@code rstd}. */
    public static void forward(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd) {
        RowLayout rx = new RowLayout("layerNorm", x), ry = new RowLayout("layerNorm", y);
        int c = rx.length();
        float[] xd = x.data(), yd = y.data(), g = gamma.data(), bt = beta.data();
        for (int r = 0; r < rx.count(); r++) {
            int ox = rx.offset(r), oy = ry.offset(r);
            double mu = 0;
            for (int j = 0; j < c; j++) mu += xd[ox + j];
            mu /= c;
            double var = 0;
            for (int j = 0; j < c; j++) {
                double t = xd[ox + j] - mu;
                var += t * t;
            }
            var /= c;
            double rs = 1.0 / Math.sqrt(var + eps);
            for (int j = 0; j < c; j++) {
                yd[oy + j] = (float) ((xd[ox + j] - mu) * rs * g[gamma.offset() + j] + bt[beta.offset() + j]);
            }
            mean.data()[mean.offset() + r] = (float) mu;
            rstd.data()[rstd.offset() + r] = (float) rs;
        }
    }

    /** Overwrites {@code dx} (unless {@code null}) and accumulates {@code dgamma}, {@code dbeta} (each may be {@code null}). */
    public static void backward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dx, Tensor dgamma, Tensor dbeta) {
        RowLayout rdy = new RowLayout("layerNormBackward", dy), rx = new RowLayout("layerNormBackward", x);
        RowLayout rdx = dx == null ? null : new RowLayout("layerNormBackward", dx);
        int c = rx.length();
        float[] dyd = dy.data(), xd = x.data(), g = gamma.data();
        double[] dg = new double[c], db = new double[c];
        for (int r = 0; r < rx.count(); r++) {
            int ody = rdy.offset(r), ox = rx.offset(r);
            double mu = mean.data()[mean.offset() + r], rs = rstd.data()[rstd.offset() + r];
            double sumD = 0, sumDN = 0;
            for (int j = 0; j < c; j++) {
                double norm = (xd[ox + j] - mu) * rs;
                double dn = (double) dyd[ody + j] * g[gamma.offset() + j];
                sumD += dn;
                sumDN += dn * norm;
                dg[j] += dyd[ody + j] * norm;
                db[j] += dyd[ody + j];
            }
            if (dx != null) {
                int odx = rdx.offset(r);
                double meanD = sumD / c, meanDN = sumDN / c;
                for (int j = 0; j < c; j++) {
                    double norm = (xd[ox + j] - mu) * rs;
                    double dn = (double) dyd[ody + j] * g[gamma.offset() + j];
                    dx.data()[odx + j] = (float) ((dn - meanD - norm * meanDN) * rs);
                }
            }
        }
        for (int j = 0; j < c; j++) {
            if (dgamma != null) dgamma.data()[dgamma.offset() + j] += (float) dg[j];
            if (dbeta != null) dbeta.data()[dbeta.offset() + j] += (float) db[j];
        }
    }
}
