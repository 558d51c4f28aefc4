package hifi.engine.kernels;

import hifi.engine.runtime.RowLayout;
import hifi.engine.tensor.Tensor;

/**
 * The scalar reference of {@link Softmax}: one row at a time, {@code double} max, sum and dot product. Arguments are
 * checked by the caller (the backend front).
 */
public final class ReferenceSoftmax {
    private ReferenceSoftmax() {
    }

    /** In place: {@code x = softmax(x + mask)}, the mask row {@code r / rowsPerMaskRow} broadcast over the rows of x. */
    public static void forward(Tensor x, Tensor mask, int rowsPerMaskRow) {
        RowLayout rx = new RowLayout("softmax", x);
        float[] d = x.data();
        float[] md = mask == null ? null : mask.data();
        int n = rx.length();
        for (int r = 0; r < rx.count(); r++) {
            int o = rx.offset(r);
            int mo = mask == null ? 0 : mask.offset() + (r / rowsPerMaskRow) * mask.stride(0);
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

    /** {@code dx = y ⊙ (dy − Σ_last(dy ⊙ y))}; {@code dx} may be {@code dy}. */
    public static void backward(Tensor y, Tensor dy, Tensor dx) {
        RowLayout ry = new RowLayout("softmaxBackward", y), rdy = new RowLayout("softmaxBackward", dy), rdx = new RowLayout("softmaxBackward", dx);
        float[] yd = y.data(), dyd = dy.data(), dxd = dx.data();
        for (int r = 0; r < ry.count(); r++) {
            int oy = ry.offset(r), ody = rdy.offset(r), odx = rdx.offset(r);
            double dot = 0;
            for (int j = 0; j < ry.length(); j++) dot += (double) yd[oy + j] * dyd[ody + j];
            for (int j = 0; j < ry.length(); j++) dxd[odx + j] = (float) (yd[oy + j] * (dyd[ody + j] - dot));
        }
    }
}
