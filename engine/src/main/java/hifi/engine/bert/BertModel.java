package hifi.engine.bert;

import hifi.engine.backend.Backend;
import hifi.engine.data.Batch;
import hifi.engine.io.SafetensorsFile;
import hifi.engine.nn.HeadOutputListener;
import hifi.engine.nn.LoraConfig;
import hifi.engine.nn.PassContext;
import hifi.engine.nn.WeightSource;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The BERT encoder with pooler (HF {@code BertModel}): embeddings → encoder → [CLS] pooler. Parameter names carry the
 * given prefix ({@code "bert."} inside {@link BertForSequenceClassification}).
 */
public final class BertModel {
    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final BertEncoder encoder;
    private final BertPooler pooler;

    /**
     * Every activation the backward needs ({@code complete}), or, after {@link #infer}, only the last layer's, and the
     * pass the forward ran under. {@code firstTokenOnly}: the last layer carried only the [CLS] rows (a pass for the
     * pooler, see {@link #forward(PassContext, Batch, boolean)}).
     */
    public record Cache(Batch batch, PassContext pass, BertEmbeddings.Cache embeddings, Tensor embedded,
                        List<BertLayer.Cache> layers, BertPooler.Cache pooler, boolean complete, boolean firstTokenOnly) {
        /** The last hidden state {@code [B·T, hidden]}, or {@code [B, hidden]} (the [CLS] rows) when {@code firstTokenOnly}. */
        public Tensor sequence() {
            return layers.isEmpty() ? embedded : layers.get(layers.size() - 1).out();
        }

        /** The pooled [CLS] output {@code [B, hidden]}. */
        public Tensor pooled() {
            return pooler.pooled();
        }
    }

    public BertModel(BertConfig config, WeightSource weights, String prefix) {
        this(config, weights, prefix, null);
    }

    /** The encoder model with LoRA branches where {@code lora} (may be {@code null}) targets a projection. */
    public BertModel(BertConfig config, WeightSource weights, String prefix, LoraConfig lora) {
        this.config = config;
        embeddings = new BertEmbeddings(config, weights, prefix);
        encoder = new BertEncoder(config, weights, prefix, lora);
        pooler = new BertPooler(config, weights, prefix);
    }

    /**
     * Loads the encoder of {@code dir} ({@code config.json}, {@code model.safetensors}; {@code bert.} prefix optional)
     * with parameter names prefixed {@code bert.}, as inside {@link BertForSequenceClassification}. A checkpoint
     * without a pooler gets a fresh one from {@code poolerSeed}.
     */
    public static BertModel load(Path dir, long poolerSeed) throws IOException {
        BertConfig config = BertConfig.load(dir.resolve("config.json"));
        try (SafetensorsFile file = SafetensorsFile.openVerified(dir.resolve("model.safetensors"))) {
            return new BertModel(config, new CheckpointWeights(file, new RandomWeights(poolerSeed, 0.02f)), "bert.");
        }
    }

    public BertConfig config() {
        return config;
    }

    public BertEncoder encoder() {
        return encoder;
    }

    /** Embeddings, then layer by layer, then the pooler. */
    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>(embeddings.parameters());
        p.addAll(encoder.parameters());
        p.addAll(pooler.parameters());
        return p;
    }

    /**
     * The forward pass. In train mode dropout is active, its masks derived from the pass's step seed; in eval mode
     * dropout is the identity and the seed is ignored. The pass's listener (may be {@code null}) sees each layer's
     * context.
     */
    public Cache forward(PassContext pass, Batch batch) {
        return forward(pass, batch, false);
    }

    /**
     * The forward pass; with {@code firstTokenOnly} the last layer computes only the [CLS] rows, which is all the
     * pooler reads: pooled output, loss and gradients are those of the full pass, at about 7 % less work for a
     * 12-layer model. Not with a listener, which sees every token of every layer.
     */
    public Cache forward(PassContext pass, Batch batch, boolean firstTokenOnly) {
        return run(pass, batch, true, firstTokenOnly);
    }

    /**
     * Inference: eval mode, and each layer's activations are released as soon as the next layer ran (the returned
     * cache holds only the last layer, of which only the output is valid inside a {@link hifi.engine.backend.PassScope};
     * it cannot be used for a backward).
     */
    public Cache infer(Backend be, Batch batch, HeadOutputListener listener) {
        return infer(be, batch, listener, false);
    }

    /** {@link #infer(Backend, Batch, HeadOutputListener)}, optionally with only the [CLS] rows in the last layer. */
    public Cache infer(Backend be, Batch batch, HeadOutputListener listener, boolean firstTokenOnly) {
        return run(PassContext.eval(be, listener), batch, false, firstTokenOnly);
    }

    private Cache run(PassContext pass, Batch batch, boolean keepCaches, boolean firstTokenOnly) {
        Backend be = pass.backend();
        boolean firstToken = firstTokenOnly && config.numHiddenLayers() > 0;
        Tensor x = be.allocateOutput(batch.tokens(), config.hiddenSize());
        BertEmbeddings.Cache ec = embeddings.forward(pass, batch, x);
        List<BertLayer.Cache> lc = encoder.forward(pass, x, batch, keepCaches, firstToken);
        Tensor seq = lc.isEmpty() ? x : lc.get(lc.size() - 1).out();
        BertPooler.Cache pc = pooler.forward(be, seq, batch.batch(), firstToken ? 1 : batch.seqLen());
        return new Cache(batch, pass, ec, x, lc, pc, keepCaches, firstToken);
    }

    /**
     * Backward from the gradient of the pooled output: accumulates into {@code grads} the gradient of every trainable
     * slice and computes activation gradients only down to the lowest trainable parameter, in the mode and with the
     * dropout masks of the forward's pass.
     */
    public void backward(Cache c, Tensor dPooled, Gradients grads) {
        Backend be = c.pass().backend();
        Batch b = c.batch();
        if (!c.complete()) throw new IllegalStateException("backward needs a training forward pass, not infer()");
        boolean embeddingsTrainable = embeddings.isTrainable(grads);
        boolean needSequence = embeddingsTrainable || encoder.isTrainable(grads);
        int rowsPerSequence = c.firstTokenOnly() ? 1 : b.seqLen();
        Tensor dSeq = needSequence ? be.allocate(b.batch() * rowsPerSequence, config.hiddenSize()) : null;
        pooler.backward(be, c.pooler(), dPooled, grads, dSeq, b.batch(), rowsPerSequence);
        if (dSeq == null) return;
        Tensor dEmb = encoder.backward(c.layers(), dSeq, grads, embeddingsTrainable);
        if (dEmb != null) embeddings.backward(c.embeddings(), b, dEmb, grads);
    }

    /** True if anything in the encoder model (embeddings, layers, pooler) is trainable. */
    public boolean isTrainable(Gradients grads) {
        return grads.hasAny(parameters());
    }

    /** Activation bytes kept by each part of a forward pass: [embeddings, layer 0, …, layer L−1, pooler]. */
    public long[] activationBytes(Cache c) {
        long[] out = new long[c.layers().size() + 2];
        out[0] = c.embeddings().bytes() + 4L * c.embedded().numel();
        for (int i = 0; i < c.layers().size(); i++) out[i + 1] = c.layers().get(i).bytes();
        out[out.length - 1] = c.pooler().bytes();
        return out;
    }
}
