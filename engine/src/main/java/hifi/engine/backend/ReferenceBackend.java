package hifi.engine.backend;

import hifi.engine.kernels.GemmShape;
import hifi.engine.kernels.ReferenceGemm;
import hifi.engine.runtime.Activation;
import hifi.engine.runtime.CounterRng;
import hifi.engine.runtime.RowLayout;
import hifi.engine.tensor.Tensor;
import org.apache.commons.math3.special.Erf;

import static hifi.engine.backend.ShapeChecks.checkCrossEntropy;
import static hifi.engine.backend.ShapeChecks.checkEmbedding;
import static hifi.engine.backend.ShapeChecks.checkMask;
import static hifi.engine.backend.ShapeChecks.checkMse;
import static hifi.engine.backend.ShapeChecks.checkP;
import static hifi.engine.backend.ShapeChecks.checkVector;
import static hifi.engine.backend.ShapeChecks.sameShape;

/**
 * The scalar reference backend: single-threaded, straightforward loops, {@code double} accumulators. It defines what
 * every op means; the SIMD and device backends are tested against it. Not meant to be fast.
 */
public final class ReferenceBackend extends HeapBackend {

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public void gemm(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha, boolean accumulate, Tensor bias) {
        GemmShape s = GemmShape.of(a, transA, b, transB, c, bias);
        ReferenceGemm.gemm(a.data(), transA, b.data(), transB, c.data(), bias == null ? null : bias.data(),
                bias == null ? 0 : bias.offset(), s, alpha, accumulate);
    }

    @Override
    public void softmax(Tensor x, Tensor mask) {
        RowLayout rx = new RowLayout("softmax", x);
        int perBatch = checkMask("softmax", x, mask, rx);
        float[] d = x.data();
        float[] md = mask == null ? null : mask.data();
        int n = rx.length();
        for (int r = 0; r < rx.count(); r++) {
            int o = rx.offset(r);
            int mo = mask == null ? 0 : mask.offset() + (r / perBatch) * mask.stride(0);
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                float v = d[o + j] + (md == null ? 0f : md[mo + j]);
                d[o + j] = v;
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) sum += Math.exp(d[o + j] - max);
            for (int j = 0; j < n; j++) d[o + j] = (float) (Math.exp(d[o + j] - max) / sum);
        }
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor dy, Tensor dx) {
        sameShape("softmaxBackward", y, dy, dx);
        RowLayout ry = new RowLayout("softmaxBackward", y), rdy = new RowLayout("softmaxBackward", dy), rdx = new RowLayout("softmaxBackward", dx);
        float[] yd = y.data(), dyd = dy.data(), dxd = dx.data();
        for (int r = 0; r < ry.count(); r++) {
            int oy = ry.offset(r), ody = rdy.offset(r), odx = rdx.offset(r);
            double dot = 0;
            for (int j = 0; j < ry.length(); j++) dot += (double) yd[oy + j] * dyd[ody + j];
            for (int j = 0; j < ry.length(); j++) dxd[odx + j] = (float) (yd[oy + j] * (dyd[ody + j] - dot));
        }
    }

    @Override
    public void layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd) {
        sameShape("layerNorm", x, y);
        RowLayout rx = new RowLayout("layerNorm", x), ry = new RowLayout("layerNorm", y);
        int c = rx.length();
        checkVector("layerNorm", gamma, c, x);
        checkVector("layerNorm", beta, c, x);
        checkVector("layerNorm", mean, rx.count(), x);
        checkVector("layerNorm", rstd, rx.count(), x);
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

    @Override
    public void layerNormBackward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dx, Tensor dgamma, Tensor dbeta) {
        sameShape("layerNormBackward", dy, x);
        if (dx != null) sameShape("layerNormBackward", dy, dx);
        RowLayout rdy = new RowLayout("layerNormBackward", dy), rx = new RowLayout("layerNormBackward", x);
        RowLayout rdx = dx == null ? null : new RowLayout("layerNormBackward", dx);
        int c = rx.length();
        checkVector("layerNormBackward", gamma, c, x);
        if (dgamma != null) checkVector("layerNormBackward", dgamma, c, x);
        if (dbeta != null) checkVector("layerNormBackward", dbeta, c, x);
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

    @Override
    public void activation(Activation act, Tensor x, Tensor y) {
        sameShape("activation " + act, x, y);
        forEachPair("activation " + act, x, y, (in, out, oi, oo, n) -> {
            for (int j = 0; j < n; j++) out[oo + j] = (float) activate(act, in[oi + j]);
        });
    }

    /** The reference definition of each activation, in double precision. */
    public static double activate(Activation act, double x) {
        return switch (act) {
            case GELU -> 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)));
            case GELU_TANH -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            case TANH -> Math.tanh(x);
            case RELU -> Math.max(x, 0);
        };
    }

    /** The derivative of each activation: of its input {@code x} for GELU/RELU, via its output {@code y} for TANH. */
    public static double derivative(Activation act, double x, double y) {
        return switch (act) {
            case GELU -> 0.5 * (1 + Erf.erf(x / Math.sqrt(2))) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
            case GELU_TANH -> {
                double k = Math.sqrt(2 / Math.PI), u = k * (x + 0.044715 * x * x * x), t = Math.tanh(u);
                yield 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x);
            }
            case TANH -> 1 - y * y;
            case RELU -> x > 0 ? 1 : 0;
        };
    }

    @Override
    public void activationBackward(Activation act, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Tensor in = act == Activation.TANH ? y : x;
        if (in == null) throw new IllegalArgumentException("activationBackward " + act + ": needs " + (act == Activation.TANH ? "y" : "x"));
        sameShape("activationBackward " + act, in, dy, dx);
        RowLayout ri = new RowLayout("activationBackward", in), rdy = new RowLayout("activationBackward", dy), rdx = new RowLayout("activationBackward", dx);
        float[] id = in.data(), dyd = dy.data(), dxd = dx.data();
        for (int r = 0; r < ri.count(); r++) {
            int oi = ri.offset(r), ody = rdy.offset(r), odx = rdx.offset(r);
            for (int j = 0; j < ri.length(); j++) {
                double v = id[oi + j];
                double der = act == Activation.TANH ? derivative(act, 0, v) : derivative(act, v, 0);
                dxd[odx + j] = (float) (der * dyd[ody + j]);
            }
        }
    }

    @Override
    public void dropout(Tensor x, Tensor y, float p, long seed) {
        checkP(p);
        sameShape("dropout", x, y);
        float keepScale = 1f / (1f - p);
        int[] counter = {0};
        forEachPair("dropout", x, y, (in, out, oi, oo, n) -> {
            for (int j = 0; j < n; j++) {
                long i = counter[0]++;
                out[oo + j] = p == 0f ? in[oi + j] : (CounterRng.uniform(seed, i) >= p ? in[oi + j] * keepScale : 0f);
            }
        });
    }

    @Override
    public void dropoutBackward(Tensor dy, Tensor dx, float p, long seed) {
        dropout(dy, dx, p, seed);
    }

    @Override
    public void embedding(Tensor table, int[] ids, Tensor out) {
        checkEmbedding("embedding", table, ids, out);
        for (int i = 0; i < ids.length; i++) {
            out.select(0, i).copyFrom(table.select(0, ids[i]));
        }
    }

    @Override
    public void embeddingBackward(Tensor dOut, int[] ids, Tensor dTable) {
        checkEmbedding("embeddingBackward", dTable, ids, dOut);
        int c = dTable.dim(1);
        float[] g = dOut.data(), t = dTable.data();
        for (int i = 0; i < ids.length; i++) {
            int og = dOut.offset() + i * dOut.stride(0), ot = dTable.offset() + ids[i] * dTable.stride(0);
            for (int j = 0; j < c; j++) t[ot + j] += g[og + j];
        }
    }

    @Override
    public float crossEntropy(Tensor logits, int[] labels, Tensor dLogits) {
        checkCrossEntropy(logits, labels, dLogits);
        int n = labels.length, c = logits.dim(1);
        double total = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) max = Math.max(max, logits.get(i, j));
            double sum = 0;
            for (int j = 0; j < c; j++) sum += Math.exp(logits.get(i, j) - max);
            double logZ = max + Math.log(sum);
            total += logZ - logits.get(i, labels[i]);
            if (dLogits != null) {
                for (int j = 0; j < c; j++) {
                    double pj = Math.exp(logits.get(i, j) - logZ);
                    dLogits.set((float) ((pj - (j == labels[i] ? 1 : 0)) / n), i, j);
                }
            }
        }
        return (float) (total / n);
    }

    @Override
    public float mse(Tensor pred, float[] targets, Tensor dPred) {
        checkMse(pred, targets, dPred);
        float[] p = pred.toArray();
        int n = targets.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double d = p[i] - targets[i];
            total += d * d;
        }
        if (dPred != null) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) g[i] = (float) (2.0 * (p[i] - targets[i]) / n);
            dPred.copyFrom(Tensor.of(g, dPred.shape()));
        }
        return (float) (total / n);
    }

    @Override
    public void columnSums(Tensor x, Tensor out) {
        RowLayout rx = new RowLayout("columnSums", x);
        checkVector("columnSums", out, rx.length(), x);
        float[] xd = x.data();
        for (int j = 0; j < rx.length(); j++) {
            double s = 0;
            for (int r = 0; r < rx.count(); r++) s += xd[rx.offset(r) + j];
            out.data()[out.offset() + j] += (float) s;
        }
    }

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        sameShape("add", a, b, out);
        float[] av = a.toArray(), bv = b.toArray();
        for (int i = 0; i < av.length; i++) av[i] += bv[i];
        out.copyFrom(Tensor.of(av, out.shape()));
    }

    @Override
    public void axpy(float alpha, Tensor x, Tensor y) {
        sameShape("axpy", x, y);
        float[] xv = x.toArray(), yv = y.toArray();
        for (int i = 0; i < xv.length; i++) yv[i] += alpha * xv[i];
        y.copyFrom(Tensor.of(yv, y.shape()));
    }

    @Override
    public void scale(Tensor x, float s) {
        float[] v = x.toArray();
        for (int i = 0; i < v.length; i++) v[i] *= s;
        x.copyFrom(Tensor.of(v, x.shape()));
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        sameShape("copy", src, dst);
        dst.copyFrom(src);
    }

    @Override
    public void fill(Tensor x, float v) {
        x.fill(v);
    }

    // ---------------------------------------------------------------- helpers

    interface RowPair {
        void apply(float[] in, float[] out, int inOffset, int outOffset, int n);
    }

    private static void forEachPair(String op, Tensor x, Tensor y, RowPair body) {
        RowLayout rx = new RowLayout(op, x), ry = new RowLayout(op, y);
        for (int r = 0; r < rx.count(); r++) body.apply(x.data(), y.data(), rx.offset(r), ry.offset(r), rx.length());
    }

}
