package hifi.engine.backend;

import hifi.engine.runtime.RowLayout;
import hifi.engine.tensor.ShapeException;
import hifi.engine.tensor.Tensor;

import java.util.Arrays;

/**
 * The argument checks every backend makes before an op, so that all backends reject the same calls with the same
 * messages. Each failure names the op and the shapes (or the offending id, label or probability).
 */
public final class ShapeChecks {
    private ShapeChecks() {
    }

    public static void sameShape(String op, Tensor... ts) {
        for (Tensor t : ts) {
            if (!Arrays.equals(t.shape(), ts[0].shape())) {
                int[][] shapes = new int[ts.length][];
                for (int i = 0; i < ts.length; i++) shapes[i] = ts[i].shape();
                throw ShapeException.of(op, "shapes must be equal", shapes);
            }
        }
    }

    public static void checkVector(String op, Tensor v, int n, Tensor x) {
        if (v.rank() != 1 || v.dim(0) != n) throw ShapeException.of(op, "expected a vector of " + n, v.shape(), x.shape());
    }

    /** Rows of x per mask row (x's leading dim 0 indexes the mask's rows); 1 when there is no mask. */
    public static int checkMask(String op, Tensor x, Tensor mask, RowLayout rx) {
        if (mask == null) return 1;
        if (mask.rank() != 2 || x.rank() < 2 || mask.dim(0) != x.dim(0) || mask.dim(1) != x.dim(-1)) {
            throw ShapeException.of(op, "mask must be [B, Tk] for x [B, ..., Tk]", x.shape(), mask.shape());
        }
        if (mask.stride(1) != 1 && mask.dim(1) > 1) {
            throw ShapeException.of(op, "mask's last dimension must be contiguous (strides " + Arrays.toString(mask.strides()) + ")", mask.shape());
        }
        return rx.count() / x.dim(0);
    }

    public static void checkP(float p) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
    }

    public static void checkEmbedding(String op, Tensor table, int[] ids, Tensor rows) {
        if (table.rank() != 2 || rows.rank() != 2 || rows.dim(0) != ids.length || rows.dim(1) != table.dim(1)) {
            throw ShapeException.of(op, "table [V, C] and rows [" + ids.length + ", C]", table.shape(), rows.shape());
        }
        for (int i = 0; i < ids.length; i++) checkId(op, ids[i], table.dim(0), i);
    }

    public static void checkId(String op, int id, int vocab, int position) {
        if (id < 0 || id >= vocab) {
            throw new IllegalArgumentException(op + ": id " + id + " at position " + position + " outside table of " + vocab + " rows");
        }
    }

    public static void checkCrossEntropy(Tensor logits, int[] labels, Tensor dLogits) {
        if (logits.rank() != 2 || logits.dim(0) != labels.length) {
            throw ShapeException.of("crossEntropy", "logits must be [N, C] with N = " + labels.length + " labels", logits.shape());
        }
        if (dLogits != null) sameShape("crossEntropy", logits, dLogits);
        int c = logits.dim(1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IllegalArgumentException("crossEntropy: label " + labels[i] + " of row " + i + " outside [0, " + c + ")");
            }
        }
    }

    public static void checkMse(Tensor pred, float[] targets, Tensor dPred) {
        if (pred.numel() != targets.length || (pred.rank() == 2 && pred.dim(1) != 1) || pred.rank() > 2 || pred.rank() == 0) {
            throw ShapeException.of("mse", "pred must be [N, 1] or [N] with N = " + targets.length + " targets", pred.shape());
        }
        if (dPred != null) sameShape("mse", pred, dPred);
    }
}
