package hifi.engine.data;

import hifi.engine.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * One padded batch: {@code batch} sequences padded to {@code seqLen} (the longest of them), row-major
 * {@code [batch · seqLen]} int arrays. Exactly one of {@code labels} (classification) and {@code targets}
 * (regression) is set when the batch is used for training; both may be {@code null} for inference.
 *
 * @param attentionMask 1 for a real token, 0 for padding
 */
public record Batch(int[] ids, int[] tokenTypes, int[] attentionMask, int batch, int seqLen, int[] labels, float[] targets) {

    public Batch {
        int n = batch * seqLen;
        if (batch <= 0 || seqLen <= 0) throw new IllegalArgumentException("Batch: empty batch " + batch + " × " + seqLen);
        if (ids.length != n || tokenTypes.length != n || attentionMask.length != n) {
            throw new IllegalArgumentException("Batch: ids/tokenTypes/attentionMask must have " + batch + " × " + seqLen + " = " + n
                    + " entries, got " + ids.length + "/" + tokenTypes.length + "/" + attentionMask.length);
        }
        if (labels != null && labels.length != batch) throw new IllegalArgumentException("Batch: " + labels.length + " labels for " + batch + " sequences");
        if (targets != null && targets.length != batch) throw new IllegalArgumentException("Batch: " + targets.length + " targets for " + batch + " sequences");
        if (labels != null && targets != null) throw new IllegalArgumentException("Batch: both labels and targets given");
    }

    /**
     * Pads variable-length sequences to the longest one with {@code padId} (token type 0, mask 0).
     *
     * @param tokenTypes per sequence, or {@code null} for all zeros
     */
    public static Batch pad(int[][] ids, int[][] tokenTypes, int padId, int[] labels, float[] targets) {
        int b = ids.length, t = 0;
        for (int[] s : ids) t = Math.max(t, s.length);
        int[] flat = new int[b * t], types = new int[b * t], mask = new int[b * t];
        Arrays.fill(flat, padId);
        for (int i = 0; i < b; i++) {
            if (tokenTypes != null && tokenTypes[i].length != ids[i].length) {
                throw new IllegalArgumentException("Batch: sequence " + i + " has " + ids[i].length + " ids but " + tokenTypes[i].length + " token types");
            }
            System.arraycopy(ids[i], 0, flat, i * t, ids[i].length);
            if (tokenTypes != null) System.arraycopy(tokenTypes[i], 0, types, i * t, ids[i].length);
            Arrays.fill(mask, i * t, i * t + ids[i].length, 1);
        }
        return new Batch(flat, types, mask, b, t, labels, targets);
    }

    /**
     * The padded batch of {@code indices}: padded to its longest sequence with {@code padId}, with labels or targets
     * as the model needs ({@code regression}).
     */
    public static Batch collate(List<TrainingExample> examples, int[] indices, int padId, boolean regression) {
        int b = indices.length;
        int[][] ids = new int[b][], types = new int[b][];
        int[] labels = regression ? null : new int[b];
        float[] targets = regression ? new float[b] : null;
        for (int i = 0; i < b; i++) {
            TrainingExample e = examples.get(indices[i]);
            ids[i] = e.ids();
            types[i] = e.tokenTypes() != null ? e.tokenTypes() : new int[e.length()];
            if (regression) {
                if (Float.isNaN(e.target())) throw new IllegalArgumentException("example " + indices[i] + " has no regression target");
                targets[i] = e.target();
            } else {
                if (e.label() < 0) throw new IllegalArgumentException("example " + indices[i] + " has no class label");
                labels[i] = e.label();
            }
        }
        return pad(ids, types, padId, labels, targets);
    }

    /** Number of token rows, {@code batch · seqLen}. */
    public int tokens() {
        return batch * seqLen;
    }

    /**
     * The first-token ([CLS]) rows of a {@code [B·T, cols]} tensor: a {@code [B, cols]} view with row stride
     * {@code T·cols}.
     */
    public Tensor firstTokenRows(Tensor rows) {
        return firstTokenRows(rows, batch, seqLen);
    }

    /** The first-token rows of a {@code [batch·seqLen, cols]} tensor, as {@link #firstTokenRows(Tensor)}. */
    public static Tensor firstTokenRows(Tensor rows, int batch, int seqLen) {
        return rows.view(batch, seqLen, rows.cols()).select(1, 0);
    }

    /** Position ids {@code 0 .. seqLen−1} for every sequence. */
    public int[] positionIds() {
        int[] p = new int[tokens()];
        for (int i = 0; i < p.length; i++) p[i] = i % seqLen;
        return p;
    }

    /**
     * The additive attention mask {@code [batch, seqLen]}: {@code 0} for a real token and {@code −Float.MAX_VALUE} (HF's
     * {@code (1 − mask) · finfo(float32).min}) for padding.
     */
    public Tensor additiveMask() {
        float[] m = new float[tokens()];
        for (int i = 0; i < m.length; i++) m[i] = attentionMask[i] != 0 ? 0f : -Float.MAX_VALUE;
        return Tensor.of(m, batch, seqLen);
    }
}
