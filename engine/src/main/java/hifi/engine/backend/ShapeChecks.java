package hifi.engine.backend;

import hifi.engine.runtime.RowLayout;
import hifi.engine.tensor.ShapeException;
import hifi.engine.tensor.Tensor;

import java.util.Arrays;

/**
 * The argument checks of the {@link Backend} front, made once before an op reaches any backend's kernels. Each failure
 * names the op and the shapes (or the offending operand, id, label or probability).
 */
public final class ShapeChecks {
    private ShapeChecks() {
    }

    public static void sameShape(String op, Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) throw ShapeException.of(op, "shapes must be equal", a.shape(), b.shape());
    }

    public static void sameShape(String op, Tensor a, Tensor b, Tensor c) {
        if (!Arrays.equals(a.shape(), b.shape()) || !Arrays.equals(a.shape(), c.shape())) {
            throw ShapeException.of(op, "shapes must be equal", a.shape(), b.shape(), c.shape());
        }
    }

    /** {@code t} has rows: rank ≥ 1, and its last dimension is contiguous (stride 1, or at most one element). */
    public static void checkRows(String op, String operand, Tensor t) {
        if (t.rank() == 0) throw new ShapeException(op + ": " + operand + " is a rank-0 tensor, which has no rows");
        if (t.stride(-1) != 1 && t.dim(-1) > 1) {
            throw new ShapeException(op + ": " + operand + "'s last dimension must be contiguous, got strides "
                    + Arrays.toString(t.strides()) + " for shape " + Arrays.toString(t.shape()));
        }
    }

    /**
     * {@code a} and {@code b} (either may be {@code null}) share no element. Views of different storages never do;
     * views of one storage are compared by their element ranges, and row by row when those ranges interleave (two
     * column slices of one matrix). Both must have contiguous rows.
     */
    public static void checkDisjoint(String op, String nameA, Tensor a, String nameB, Tensor b) {
        if (a == null || b == null || a.numel() == 0 || b.numel() == 0) return;
        if (a.storage() != b.storage() && !a.storage().equals(b.storage())) return;
        long a0 = a.offset(), a1 = a0 + extent(a), b0 = b.offset(), b1 = b0 + extent(b);
        if (a1 <= b0 || b1 <= a0 || !rowsOverlap(a, b)) return;
        throw ShapeException.of(op, nameA + " must not overlap " + nameB + " (offsets " + a.offset() + " and " + b.offset()
                + ", strides " + Arrays.toString(a.strides()) + " and " + Arrays.toString(b.strides()) + ")", a.shape(), b.shape());
    }

    /** One past the last storage index of {@code t}, relative to its offset. */
    private static long extent(Tensor t) {
        long e = 1;
        for (int i = 0; i < t.rank(); i++) e += (long) (t.dim(i) - 1) * t.stride(i);
        return e;
    }

    private static boolean rowsOverlap(Tensor a, Tensor b) {
        long[] ra = rowRanges(a), rb = rowRanges(b);
        int i = 0, j = 0;
        while (i < ra.length && j < rb.length) {
            long aStart = ra[i] >> 32, aEnd = aStart + (int) ra[i], bStart = rb[j] >> 32, bEnd = bStart + (int) rb[j];
            if (aStart < bEnd && bStart < aEnd) return true;
            if (aEnd <= bEnd) i++;
            else j++;
        }
        return false;
    }

    /** Every row's {@code start << 32 | length}, sorted by start. */
    private static long[] rowRanges(Tensor t) {
        if (t.rank() == 0) return new long[] {(long) t.offset() << 32 | 1};
        RowLayout rows = new RowLayout("overlap check", t);
        long[] r = new long[rows.count()];
        for (int i = 0; i < r.length; i++) r[i] = (long) rows.offset(i) << 32 | rows.length();
        Arrays.sort(r);
        return r;
    }

    public static void checkVector(String op, Tensor v, int n, Tensor x) {
        if (v.rank() != 1 || v.dim(0) != n) throw ShapeException.of(op, "expected a vector of " + n, v.shape(), x.shape());
    }

    /** Rows of x per mask row (x's leading dim 0 indexes the mask's rows); 1 when there is no mask. */
    public static int checkMask(String op, Tensor x, Tensor mask) {
        if (mask == null) return 1;
        if (mask.rank() != 2 || x.rank() < 2 || mask.dim(0) != x.dim(0) || mask.dim(1) != x.dim(-1)) {
            throw ShapeException.of(op, "mask must be [B, Tk] for x [B, ..., Tk]", x.shape(), mask.shape());
        }
        if (mask.stride(1) != 1 && mask.dim(1) > 1) {
            throw ShapeException.of(op, "mask's last dimension must be contiguous (strides " + Arrays.toString(mask.strides()) + ")", mask.shape());
        }
        return leadingRows(x) / x.dim(0);
    }

    /** The number of rows of {@code t}: the product of every dimension but the last. */
    public static int leadingRows(Tensor t) {
        int n = 1;
        for (int i = 0; i < t.rank() - 1; i++) n *= t.dim(i);
        return n;
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
