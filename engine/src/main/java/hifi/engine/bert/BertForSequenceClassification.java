package hifi.engine.bert;

import hifi.engine.backend.Backend;
import hifi.engine.data.Batch;
import hifi.engine.data.TrainingExample;
import hifi.engine.io.SafetensorsFile;
import hifi.engine.nn.Dropout;
import hifi.engine.nn.HeadOutputListener;
import hifi.engine.nn.Linear;
import hifi.engine.nn.LoraConfig;
import hifi.engine.nn.PassContext;
import hifi.engine.nn.WeightSource;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import hifi.engine.param.TrainableModel;
import hifi.engine.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * BERT with a sequence-level head (HF {@code BertForSequenceClassification}): {@code classifier(dropout(pooled))}, with
 * cross-entropy for classification and MSE for regression ({@link BertConfig#isRegression()}). Parameter names are HF's:
 * {@code bert.*} and {@code classifier.*}.
 *
 * <p>One training step:
 * <pre>{@code
 * Gradients g = model.allocateGradients(trainable);
 * g.zero(be);
 * ForwardPass pass = model.forward(batch, true, stepSeed, null);   // logits, loss, dLoss/dLogits, caches
 * model.backward(pass, g);                                          // g += gradients of trainable slices
 * }</pre>
 */
public final class BertForSequenceClassification implements TrainableModel {
    private final BertConfig config;
    private final Backend backend;
    private final BertModel bert;
    private final Dropout dropout;
    private final Linear classifier;
    private final LoraConfig lora;

    /**
     * The result of a forward pass: {@code logits [B, numLabels]}, and when the batch had labels or targets the mean
     * {@code loss} and its gradient {@code dLogits}; otherwise {@code loss} is NaN and {@code dLogits} null. Its caches
     * keep the {@link PassContext} the pass ran under, so {@link #backward} needs nothing else.
     */
    public record ForwardPass(Tensor logits, float loss, Tensor dLogits, BertModel.Cache bert, Tensor classifierInput) {
        /** The backend, mode, step seed and listener the pass ran under. */
        public PassContext context() {
            return bert.pass();
        }
    }

    public BertForSequenceClassification(BertConfig config, WeightSource weights, Backend backend) {
        this(config, weights, backend, null);
    }

    /**
     * With a {@code lora} configuration (or {@code null}: none), every encoder projection it targets gets a LoRA
     * branch whose factors {@code weights} supplies under peft's parameter names
     * ({@code bert.encoder.layer.0.attention.self.query.lora_A.weight}; {@link hifi.engine.nn.LoraInit} initialises
     * fresh ones). The factors are parameters like any other: {@link BertParameterGroups#LORA} makes them trainable.
     */
    public BertForSequenceClassification(BertConfig config, WeightSource weights, Backend backend, LoraConfig lora) {
        this.config = config;
        this.backend = backend;
        this.lora = lora;
        bert = new BertModel(config, weights, "bert.", lora);
        dropout = new Dropout(config.hiddenDropoutProb(), 2);
        int c = config.numLabels(), h = config.hiddenSize();
        classifier = new Linear(Parameter.of("classifier.weight", weights.get("classifier.weight", c, h), -1),
                Parameter.of("classifier.bias", weights.get("classifier.bias", c), -1));
    }

    /**
     * Loads {@code dir/config.json} and {@code dir/model.safetensors} (memory-mapped, each tensor copied once to the heap).
     * {@code numLabels > 0} replaces the config's task head by a fresh one of that many labels (1 = regression);
     * {@code 0} keeps the config's. A checkpoint without a classifier or pooler gets fresh ones (HF's init, from
     * {@code headSeed}); every other tensor must be present with the config's shape.
     */
    public static BertForSequenceClassification load(Path dir, int numLabels, long headSeed, Backend backend) throws IOException {
        BertConfig config = BertConfig.load(dir.resolve("config.json"));
        if (numLabels > 0) config = config.withLabels(numLabels);
        try (SafetensorsFile file = SafetensorsFile.openVerified(dir.resolve("model.safetensors"))) {
            WeightSource weights = new CheckpointWeights(file, new RandomWeights(headSeed, 0.02f));
            if (numLabels > 0) {
                WeightSource checkpoint = weights, fresh = new RandomWeights(headSeed, 0.02f);
                weights = (name, shape) -> name.startsWith("classifier.") ? fresh.get(name, shape) : checkpoint.get(name, shape);
            }
            return new BertForSequenceClassification(config, weights, backend);
        }
    }

    /** A freshly initialised model with HF's init (see {@link RandomWeights}). */
    public static BertForSequenceClassification random(BertConfig config, long seed, Backend backend) {
        return new BertForSequenceClassification(config, new RandomWeights(seed, 0.02f), backend);
    }

    public BertConfig config() {
        return config;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    public BertModel bert() {
        return bert;
    }

    /** The LoRA configuration the model was built with, or {@code null}. */
    public LoraConfig lora() {
        return lora;
    }

    /** Every parameter in HF order: {@code bert.*} then {@code classifier.*}. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>(bert.parameters());
        p.addAll(classifier.parameters());
        return p;
    }

    /** Zero-filled gradient storage for exactly the slices {@code trainable} selects. */
    @Override
    public Gradients allocateGradients(Trainable trainable) {
        return Gradients.allocate(parameters(), trainable, config.headSize(), backend);
    }

    /** Pads to the longest sequence with the config's pad id; labels, or float targets for the regression head. */
    @Override
    public Batch collate(List<TrainingExample> examples, int[] indices) {
        return Batch.collate(examples, indices, config.padTokenId(), config.isRegression());
    }

    /** {@link #forward} in train mode, then {@link #backward} when the loss is finite. */
    @Override
    public float trainStep(Batch batch, long stepSeed, Gradients grads) {
        ForwardPass pass = forward(batch, true, stepSeed, null);
        if (Float.isFinite(pass.loss())) backward(pass, grads);
        return pass.loss();
    }

    /**
     * Forward in train ({@code train = true}: dropout on, masks from {@code stepSeed}) or eval mode, as one
     * {@link PassContext} on this model's backend; computes the loss when the batch has labels.
     * Without a {@code listener} the last encoder layer computes only the [CLS] rows, all the pooler reads (so
     * {@code bert().sequence()} is then {@code [B, hidden]}); with one, every token of every layer.
     */
    public ForwardPass forward(Batch batch, boolean train, long stepSeed, HeadOutputListener listener) {
        if (config.isRegression() && batch.labels() != null) {
            throw new IllegalArgumentException("the regression head (num_labels 1) needs float targets, the batch has integer labels");
        }
        if (!config.isRegression() && batch.targets() != null) {
            throw new IllegalArgumentException("the classification head (" + config.numLabels() + " labels) needs integer labels, the batch has float targets");
        }
        Backend be = backend;
        PassContext pass = new PassContext(be, train, stepSeed, listener);
        BertModel.Cache bc = bert.forward(pass, batch, listener == null);
        Tensor in = bc.pooled();
        if (dropout.active(pass)) {
            in = be.allocate(in.shape());
            dropout.forward(pass, bc.pooled(), in);
        }
        Tensor logits = be.allocate(batch.batch(), config.numLabels());
        classifier.forward(be, in, logits);
        float loss = Float.NaN;
        Tensor dLogits = null;
        if (batch.targets() != null) {
            dLogits = be.allocate(logits.shape());
            loss = be.mse(logits, batch.targets(), dLogits);
        } else if (batch.labels() != null) {
            dLogits = be.allocate(logits.shape());
            loss = be.crossEntropy(logits, batch.labels(), dLogits);
        }
        return new ForwardPass(logits, loss, dLogits, bc, in);
    }

    /**
     * Inference logits {@code [B, numLabels]} in eval mode without keeping the per-layer activations (labels and
     * targets of the batch are ignored). Use it for evaluation, prediction and statistics passes. As in
     * {@link #forward}, the last layer computes only the [CLS] rows unless a {@code listener} is given.
     */
    public Tensor predict(Batch batch, HeadOutputListener listener) {
        BertModel.Cache bc = bert.infer(backend, batch, listener, listener == null);
        Tensor logits = backend.allocate(batch.batch(), config.numLabels());
        classifier.forward(backend, bc.pooled(), logits);
        return logits;
    }

    /** Backward from the pass's loss: accumulates the gradients of every trainable slice into {@code grads}. */
    public void backward(ForwardPass pass, Gradients grads) {
        if (pass.dLogits() == null) throw new IllegalStateException("backward needs a forward pass over a batch with labels/targets");
        Backend be = backend;
        classifier.backwardParams(be, pass.classifierInput(), pass.dLogits(), grads);
        if (!bert.isTrainable(grads)) return;
        Tensor dPooled = be.allocate(pass.classifierInput().shape());
        classifier.backwardInput(be, pass.dLogits(), dPooled, false);
        BertModel.Cache bc = pass.bert();
        dropout.backward(pass.context(), dPooled, dPooled);
        bert.backward(bc, dPooled, grads);
    }

    /** Activation and gradient memory of one step (see {@link MemoryReport}). */
    public MemoryReport memoryReport(ForwardPass pass, Gradients grads) {
        long[] act = bert.activationBytes(pass.bert());
        act[act.length - 1] += 4L * (pass.logits().numel() + (pass.classifierInput() == pass.bert().pooled() ? 0 : pass.classifierInput().numel()));
        long[] gradBytes = new long[act.length];
        for (Gradients.Slice s : grads.slices()) {
            int layer = s.parameter().layer();
            int slot = layer >= 0 ? layer + 1 : s.parameter().name().contains("embeddings.") ? 0 : act.length - 1;
            gradBytes[slot] += 4L * s.grad().numel();
        }
        return new MemoryReport(pass.bert().batch().tokens(), act, gradBytes);
    }
}
