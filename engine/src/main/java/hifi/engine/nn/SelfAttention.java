package hifi.engine.nn;

import hifi.engine.backend.Backend;
import hifi.engine.backend.PassScope;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Bidirectional multi-head self-attention up to the context (HF {@code BertSelfAttention}): {@code Q, K, V} projections,
 * {@code softmax(QKᵀ/√d_h + mask)}, attention dropout, {@code P·V}. The output projection {@code W_O} belongs to the
 * layer.
 *
 * <p>Tokens are rows {@code b·T + t} of {@code [B·T, hidden]} tensors. Heads are never copied out: a
 * {@code [B·T, hidden]} tensor is viewed as {@code [B, T, H, d_h]} and permuted to {@code [B, H, T, d_h]}, and the
 * batched GEMM works on those strided views directly, writing the context straight into its {@code [B·T, hidden]}
 * home.
 *
 * <p>The backward can run for a subset of heads only ({@link #headRuns}): when no gradient has to reach the layer
 * input, only heads with trainable query/key/value slices are differentiated.
 *
 * <p>Queries may come from a subset of the rows: with {@code queryLen = 1} only the first token of each sequence
 * attends (to all keys). That is all the last layer of a classifier needs, since the pooler reads only [CLS], and it
 * skips the query projection, the scores, the context and everything above them for the other tokens.
 */
public final class SelfAttention {
    private final Projection query;
    private final Projection key;
    private final Projection value;
    private final Dropout dropout;
    private final int heads;
    private final int headSize;

    /**
     * Everything the backward needs, with the {@code pass} the forward ran under. The dropped-out probabilities are
     * not kept: the backward regenerates them from {@code probs} and the pass's seed (one elementwise pass instead of
     * {@code B·H·T²} floats per layer).
     */
    public record Cache(PassContext pass, Tensor x, Tensor xq, Tensor q, Tensor k, Tensor v, Tensor probs, Tensor context,
                        int batch, int seqLen, int queryLen) {
        /** Bytes held beyond the input. */
        public long bytes() {
            return 4L * (q.numel() + k.numel() + v.numel() + probs.numel() + context.numel());
        }
    }

    public SelfAttention(Projection query, Projection key, Projection value, Dropout dropout, int heads) {
        if (query.out() % heads != 0) throw new IllegalArgumentException("SelfAttention: hidden " + query.out() + " not divisible by " + heads + " heads");
        this.query = query;
        this.key = key;
        this.value = value;
        this.dropout = dropout;
        this.heads = heads;
        this.headSize = query.out() / heads;
    }

    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>(query.parameters());
        p.addAll(key.parameters());
        p.addAll(value.parameters());
        return p;
    }

    public int heads() {
        return heads;
    }

    public int headSize() {
        return headSize;
    }

    /** {@code [B·T, H·d_h]} seen as {@code [B, H, T, d_h]} (a view). */
    private Tensor byHead(Tensor t, int batch, int seqLen) {
        return t.view(batch, seqLen, heads, headSize).permute(0, 2, 1, 3);
    }

    /** Every token attends: {@link #forward(PassContext, Tensor, Tensor, Tensor)} with the queries from all rows of {@code x}. */
    public Cache forward(PassContext pass, Tensor x, Tensor additiveMask) {
        return forward(pass, x, x, additiveMask);
    }

    /**
     * @param x            {@code [B·T, hidden]}: keys and values
     * @param xq           {@code [B·queryLen, hidden]}: the rows whose queries attend ({@code x} itself when
     *                     {@code queryLen == T}, or the first-token rows of {@code x} when {@code queryLen == 1})
     * @param additiveMask {@code [B, T]}: 0 for real tokens, a large negative number for padding; its shape gives
     *                     the batch size {@code B} and the sequence length {@code T}
     * @return the cache, whose {@code context} is {@code [B·queryLen, hidden]}
     */
    public Cache forward(PassContext pass, Tensor x, Tensor xq, Tensor additiveMask) {
        Backend be = pass.backend();
        int batch = additiveMask.dim(0), seqLen = additiveMask.dim(1);
        int n = x.rows(), nq = xq.rows(), hidden = query.out(), queryLen = nq / batch;
        if (n != batch * seqLen) throw new IllegalArgumentException("SelfAttention: " + n + " rows for a mask of " + batch + " × " + seqLen);
        if (nq != batch * queryLen) throw new IllegalArgumentException("SelfAttention: " + nq + " query rows for a batch of " + batch);
        Tensor q = be.allocateOutput(nq, hidden), k = be.allocateOutput(n, hidden), v = be.allocateOutput(n, hidden);
        query.forward(pass, xq, q);
        key.forward(pass, x, k);
        value.forward(pass, x, v);
        Tensor probs = be.allocateOutput(batch, heads, queryLen, seqLen);
        be.gemm(byHead(q, batch, queryLen), false, byHead(k, batch, seqLen), true, probs, (float) (1.0 / Math.sqrt(headSize)), false, null);
        be.softmax(probs, additiveMask);
        Tensor context = be.allocateOutput(nq, hidden);
        try (PassScope frame = be.openPass()) { // the dropped-out probabilities are a temporary (the backward regenerates them)
            be.gemm(dropped(pass, probs), false, byHead(v, batch, seqLen), false, byHead(context, batch, queryLen), 1f, false, null);
        }
        return new Cache(pass, x, xq, q, k, v, probs, context, batch, seqLen, queryLen);
    }

    private static Tensor buffer(Backend be, boolean overwritten, int... shape) {
        return overwritten ? be.allocateOutput(shape) : be.allocate(shape);
    }

    /** The probabilities after attention dropout: {@code probs} itself when dropout is inactive, else a new tensor. */
    private Tensor dropped(PassContext pass, Tensor probs) {
        if (!dropout.active(pass)) return probs;
        Tensor d = pass.backend().allocateOutput(probs.shape());
        dropout.forward(pass, probs, d);
        return d;
    }

    /**
     * The heads to differentiate, as runs {@code {firstHead, count}}: all heads when {@code needInput}, otherwise
     * those with a trainable slice of the query, key or value weight or bias (possibly none). A trainable parameter
     * that no head owns (a LoRA factor) needs the gradient of every head's columns, so then all heads run.
     */
    public List<int[]> headRuns(Gradients grads, boolean needInput) {
        boolean[] need = new boolean[heads];
        if (needInput) java.util.Arrays.fill(need, true);
        for (Parameter p : parameters()) {
            for (Gradients.Slice s : grads.of(p.name())) {
                if (!p.isHeadSliced()) {
                    java.util.Arrays.fill(need, true);
                    continue;
                }
                for (int h = s.range().start() / headSize; h < (s.range().start() + s.range().length()) / headSize; h++) need[h] = true;
            }
        }
        List<int[]> runs = new ArrayList<>();
        for (int h = 0; h < heads; ) {
            if (!need[h]) {
                h++;
                continue;
            }
            int start = h;
            while (h < heads && need[h]) h++;
            runs.add(new int[] {start, h - start});
        }
        return runs;
    }

    /**
     * Backward for the heads in {@code runs}. {@code dContext [B·queryLen, hidden]} must be valid in those heads'
     * columns. Accumulates the trainable query/key/value gradients and, when {@code dx} ({@code [B·T, hidden]}) is
     * not {@code null}, adds the input gradient into it ({@code runs} must then cover all heads); {@code dxq} is the
     * view of {@code dx} that matches the forward's {@code xq} ({@code dx} itself when every token attended).
     */
    public void backward(Cache c, Tensor dContext, List<int[]> runs, Gradients grads, Tensor dx, Tensor dxq) {
        Backend be = c.pass().backend();
        int b = c.batch(), t = c.seqLen(), tq = c.queryLen(), n = c.x().rows(), hidden = query.out();
        float scale = (float) (1.0 / Math.sqrt(headSize));
        // Every element is written when all heads run; otherwise the other heads' columns must read as zero.
        boolean allHeads = runs.stream().mapToInt(r -> r[1]).sum() == heads;
        Tensor dq = buffer(be, allHeads, c.q().shape()), dk = buffer(be, allHeads, n, hidden), dv = buffer(be, allHeads, n, hidden);
        Tensor q4 = byHead(c.q(), b, tq), k4 = byHead(c.k(), b, t), v4 = byHead(c.v(), b, t), dc4 = byHead(dContext, b, tq);
        Tensor dq4 = byHead(dq, b, tq), dk4 = byHead(dk, b, t), dv4 = byHead(dv, b, t);
        // dP lives in one full [B, H, T, T] tensor so that the dropout mask indices match the forward's.
        Tensor dProbs = buffer(be, allHeads, c.probs().shape());
        Tensor dropped = dropped(c.pass(), c.probs());
        for (int[] r : runs) {
            Tensor dcr = dc4.narrow(1, r[0], r[1]);  // context = P·V
            be.gemmBackwardA(false, v4.narrow(1, r[0], r[1]), false, dcr, 1f, dProbs.narrow(1, r[0], r[1]), false);
            be.gemmBackwardB(dropped.narrow(1, r[0], r[1]), false, false, dcr, 1f, dv4.narrow(1, r[0], r[1]), false);
        }
        dropout.backward(c.pass(), dProbs, dProbs);
        for (int[] r : runs) {
            Tensor ds = dProbs.narrow(1, r[0], r[1]);
            be.softmaxBackward(c.probs().narrow(1, r[0], r[1]), ds, ds);
            be.gemmBackwardA(false, k4.narrow(1, r[0], r[1]), true, ds, scale, dq4.narrow(1, r[0], r[1]), false);  // scores = scale·Q·Kᵀ
            be.gemmBackwardB(q4.narrow(1, r[0], r[1]), false, true, ds, scale, dk4.narrow(1, r[0], r[1]), false);
        }
        PassContext pass = c.pass();
        query.backwardParams(pass, c.xq(), dq, grads);
        key.backwardParams(pass, c.x(), dk, grads);
        value.backwardParams(pass, c.x(), dv, grads);
        if (dx != null) {
            query.backwardInput(pass, dq, dxq, true);
            key.backwardInput(pass, dk, dx, true);
            value.backwardInput(pass, dv, dx, true);
        }
    }
}
