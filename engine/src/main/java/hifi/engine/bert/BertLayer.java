package hifi.engine.bert;

import hifi.engine.backend.Backend;
import hifi.engine.backend.PassScope;
import hifi.engine.data.Batch;
import hifi.engine.nn.Dropout;
import hifi.engine.nn.FeedForward;
import hifi.engine.nn.HeadOutputListener;
import hifi.engine.nn.LayerNorm;
import hifi.engine.nn.Linear;
import hifi.engine.nn.LoraConfig;
import hifi.engine.nn.LoraInit;
import hifi.engine.nn.LoraLinear;
import hifi.engine.nn.PassContext;
import hifi.engine.nn.Projection;
import hifi.engine.nn.ResidualNorm;
import hifi.engine.nn.SelfAttention;
import hifi.engine.nn.WeightSource;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * One post-LN encoder layer (HF {@code BertLayer}):
 * <pre>
 *   h1  = LayerNorm(dropout(W_O · attention(x)) + x)
 *   out = LayerNorm(dropout(FFN(h1)) + h1)
 * </pre>
 * The backward differentiates only what a trainable parameter needs: it stops as soon as no trainable parameter lies
 * further down, computes the context gradient only for heads that need it, and skips every frozen weight gradient.
 */
public final class BertLayer {
    private final int index;
    private final int hidden;
    private final SelfAttention attention;
    private final Projection attentionOutput;
    private final ResidualNorm attentionNorm;
    private final FeedForward ffn;
    private final ResidualNorm ffnNorm;

    /** What the backward needs, module by module; the pass is the attention's. */
    public record Cache(SelfAttention.Cache attention, LayerNorm.Cache attentionNorm, Tensor h1, FeedForward.Cache ffn,
                        LayerNorm.Cache ffnNorm, Tensor out) {
        /** The pass the forward ran under. */
        public PassContext pass() {
            return attention.pass();
        }

        /** Bytes of activations this layer keeps (its input belongs to the layer below). */
        public long bytes() {
            return attention.bytes() + attentionNorm.bytes() + 4L * h1.numel() + ffn.bytes() + ffnNorm.bytes() + 4L * out.numel();
        }
    }

    public BertLayer(BertConfig c, WeightSource w, String prefix, int index) {
        this(c, w, prefix, index, null);
    }

    /**
     * The layer of {@code index} with its parameters from {@code w}; with a {@code lora} configuration, each projection
     * it targets gets a LoRA branch whose factors are read from {@code w} too ({@code <module>.lora_A.weight},
     * {@code <module>.lora_B.weight}; {@link LoraInit} initialises fresh ones).
     */
    public BertLayer(BertConfig c, WeightSource w, String prefix, int index, LoraConfig lora) {
        this.index = index;
        this.hidden = c.hiddenSize();
        String p = prefix + "encoder.layer." + index + ".";
        int h = hidden, inter = c.intermediateSize();
        long site = (index + 1L) << 8;
        Projections make = new Projections(w, lora, site + 16);
        attention = new SelfAttention(
                make.projection(p + "attention.self.query", h, h, 0, 0), make.projection(p + "attention.self.key", h, h, 0, 0),
                make.projection(p + "attention.self.value", h, h, 0, 0), new Dropout(c.attentionProbsDropoutProb(), site), c.numAttentionHeads());
        attentionOutput = make.projection(p + "attention.output.dense", h, h, 1, -1);
        attentionNorm = new ResidualNorm(new Dropout(c.hiddenDropoutProb(), site + 1), layerNorm(w, p + "attention.output.LayerNorm.", c));
        ffn = new FeedForward(make.projection(p + "intermediate.dense", inter, h, -1, -1), make.projection(p + "output.dense", h, inter, -1, -1), c.activation());
        ffnNorm = new ResidualNorm(new Dropout(c.hiddenDropoutProb(), site + 2), layerNorm(w, p + "output.LayerNorm.", c));
    }

    /**
     * Makes the layer's projections: a {@link Linear} named {@code <module>.weight} / {@code .bias}, wrapped in a
     * {@link LoraLinear} when the LoRA configuration targets the module. Each LoRA branch gets its own dropout site,
     * numbered from {@code firstLoraSite} in construction order.
     */
    private final class Projections {
        private final WeightSource w;
        private final LoraConfig lora;
        private long nextSite;

        Projections(WeightSource w, LoraConfig lora, long firstLoraSite) {
            this.w = w;
            this.lora = lora;
            this.nextSite = firstLoraSite;
        }

        Projection projection(String module, int out, int in, int weightHeadAxis, int biasHeadAxis) {
            String wn = module + ".weight", bn = module + ".bias";
            Linear base = new Linear(new Parameter(wn, w.get(wn, out, in), weightHeadAxis, index),
                    new Parameter(bn, w.get(bn, out), biasHeadAxis, index));
            long loraSite = nextSite++;
            if (lora == null || !lora.targets(module)) return base;
            String an = module + LoraInit.A_SUFFIX, bn2 = module + LoraInit.B_SUFFIX;
            return new LoraLinear(base, Parameter.of(an, w.get(an, lora.r(), in), index), Parameter.of(bn2, w.get(bn2, out, lora.r()), index),
                    lora.scaling(), new Dropout(lora.dropout(), loraSite));
        }
    }

    private LayerNorm layerNorm(WeightSource w, String p, BertConfig c) {
        return new LayerNorm(Parameter.of(p + "weight", w.get(p + "weight", c.hiddenSize()), index),
                Parameter.of(p + "bias", w.get(p + "bias", c.hiddenSize()), index), c.layerNormEps());
    }

    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>(attention.parameters());
        p.addAll(attentionOutput.parameters());
        p.addAll(attentionNorm.parameters());
        p.addAll(ffn.parameters());
        p.addAll(ffnNorm.parameters());
        return p;
    }

    public SelfAttention attention() {
        return attention;
    }

    /** {@code x [B·T, hidden]} → the layer output; reports the context to the pass's listener, if any. */
    public Cache forward(PassContext pass, Tensor x, Batch batch, Tensor additiveMask) {
        return forward(pass, x, batch, additiveMask, false);
    }

    /**
     * As {@link #forward(PassContext, Tensor, Batch, Tensor)}; with
     * {@code firstTokenOnly} only the first token of each sequence is carried through the layer (its query attends
     * to every key), so the output is {@code [B, hidden]}: the [CLS] rows of the full output, at about a sixth of the
     * cost. That is all a classifier's last layer needs. The listener, which wants every token, is not allowed then.
     */
    public Cache forward(PassContext pass, Tensor x, Batch batch, Tensor additiveMask, boolean firstTokenOnly) {
        Backend be = pass.backend();
        HeadOutputListener listener = pass.listener();
        if (firstTokenOnly && listener != null) throw new IllegalArgumentException("BertLayer: a head-output listener needs every token");
        int b = batch.batch(), t = batch.seqLen();
        Tensor xq = firstTokenOnly ? batch.firstTokenRows(x) : x;
        int n = xq.rows();
        SelfAttention.Cache ac = attention.forward(pass, x, xq, additiveMask);
        if (listener != null) listener.onContext(index, ac.context().view(b, t, hidden), batch.attentionMask());
        Tensor a = be.allocateOutput(n, hidden);
        attentionOutput.forward(pass, ac.context(), a);
        Tensor h1 = be.allocateOutput(n, hidden);
        LayerNorm.Cache an = attentionNorm.forward(pass, a, xq, h1);
        Tensor f = be.allocateOutput(n, hidden);
        FeedForward.Cache fc = ffn.forward(pass, h1, f);
        Tensor out = be.allocateOutput(n, hidden);
        LayerNorm.Cache fn = ffnNorm.forward(pass, f, h1, out);
        return new Cache(ac, an, h1, fc, fn, out);
    }

    /** True if any parameter of this layer (or slice of one) is trainable. */
    public boolean isTrainable(Gradients grads) {
        return grads.hasAny(parameters());
    }

    /**
     * Accumulates the trainable gradients of this layer from {@code dOut} and returns the gradient of the layer input
     * when {@code needInput}, otherwise {@code null} (and then does no work that only the input gradient needs). Mode
     * and dropout seed are those of the forward's pass, kept in {@code c}.
     */
    public Tensor backward(Cache c, Tensor dOut, Gradients grads, boolean needInput) {
        // A frame of its own: the layer's temporaries go back to the pool when it returns, the input gradient is kept.
        try (PassScope frame = c.pass().backend().openPass()) {
            Tensor dx = backwardInFrame(c, dOut, grads, needInput);
            if (dx != null) frame.keep(dx);
            return dx;
        }
    }

    private Tensor backwardInFrame(Cache c, Tensor dOut, Gradients grads, boolean needInput) {
        PassContext pass = c.pass();
        Backend be = pass.backend();
        List<int[]> runs = attention.headRuns(grads, needInput);
        boolean attentionBlock = !runs.isEmpty() || attentionOutput.isTrainable(grads) || attentionNorm.isTrainable(grads);
        boolean needH1 = needInput || attentionBlock;
        boolean needFfnSum = needH1 || ffn.isTrainable(grads);

        // out = LN2(dropout(FFN(h1)) + h1)
        Tensor dSum2 = ffnNorm.backward(be, c.ffnNorm(), dOut, grads, needFfnSum);
        if (!needFfnSum) return null;
        Tensor dF = ffnNorm.branchGradient(pass, dSum2);
        Tensor dH1 = null;
        if (needH1) {
            dH1 = be.allocateOutput(dSum2.shape());
            be.copy(dSum2, dH1);
        }
        ffn.backward(pass, c.ffn(), dF, grads, dH1);
        if (!needH1) return null;

        // h1 = LN1(dropout(W_O·context) + x)
        boolean needSum1 = needInput || !runs.isEmpty() || attentionOutput.isTrainable(grads);
        Tensor dSum1 = attentionNorm.backward(be, c.attentionNorm(), dH1, grads, needSum1);
        if (!needSum1) return null;
        Tensor dA = attentionNorm.branchGradient(pass, dSum1);
        attentionOutput.backwardParams(pass, c.attention().context(), dA, grads);
        if (runs.isEmpty()) return null;
        Tensor dContext = be.allocate(c.attention().context().shape());
        int dh = attention.headSize();
        for (int[] r : runs) attentionOutput.backwardInputColumns(pass, dA, dContext, r[0] * dh, r[1] * dh);
        Tensor dx = null, dxq = null;
        if (needInput) {
            SelfAttention.Cache ac = c.attention();
            dx = be.allocate(ac.x().shape());
            dxq = ac.queryLen() == ac.seqLen() ? dx : Batch.firstTokenRows(dx, ac.batch(), ac.seqLen());
            be.copy(dSum1, dxq);
        }
        attention.backward(c.attention(), dContext, runs, grads, dx, dxq);
        return dx;
    }
}
