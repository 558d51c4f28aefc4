package hifi.glue.model;

import hifi.engine.backend.Backend;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.io.ModelDirectory;
import hifi.engine.io.ModelFormatException;
import hifi.engine.io.SafetensorsFile;
import hifi.engine.nn.LoraConfig;
import hifi.engine.tokenizer.BertTokenizer;
import hifi.glue.tasks.GlueTask;
import hifi.method.adapter.Adapter;
import hifi.method.adapter.AdapterConfig;
import hifi.method.adapter.BaseModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A converted model directory opened for one task: its tokenizer and a {@link BertForSequenceClassification} whose task
 * head has the task's number of outputs. Every way a directory can be wrong for the task — not a folder, a missing
 * file, a vocabulary larger than the embedding table, a stored task head of another size — is an error naming the
 * directory.
 *
 * @param directory the model directory
 * @param tokenizer its tokenizer (no truncation configured; see {@link TaskEncoder})
 * @param model     the classification model
 * @param recordedMaxLength the input length the model records: an applied adapter's training length (its
 *                  {@code max_length} hyperparameter), a full model directory's {@code model_max_length} (which
 *                  {@code merge} sets to the run's length); {@code null} for an adapter that records none (peft's own)
 */
public record TaskModel(ModelDirectory directory, BertTokenizer tokenizer, BertForSequenceClassification model, Integer recordedMaxLength) {

    /**
     * The base model for fine-tuning on {@code task}: a fresh task head with the task's labels, initialised from
     * {@code headSeed} (HF's init); so is the pooler when the checkpoint has none (all-MiniLM-L6-v2's ONNX export, for
     * example). The adapter records the seed, so loading it re-creates the same untrained parts.
     */
    public static TaskModel forFineTuning(Path dir, GlueTask task, long headSeed, Backend backend) throws IOException {
        return forFineTuning(dir, task, headSeed, backend, null);
    }

    /** As above, with LoRA branches where {@code lora} (may be {@code null}) targets a projection (factors seeded from {@code headSeed}). */
    public static TaskModel forFineTuning(Path dir, GlueTask task, long headSeed, Backend backend, LoraConfig lora) throws IOException {
        ModelDirectory md = openDirectory(dir);
        BertTokenizer tokenizer = tokenizer(md);
        return new TaskModel(md, tokenizer, BaseModel.forClassification(md, labels(task), problemType(task), headSeed, backend, lora), null);
    }

    /** The labels of {@code task}'s head ({@code LABEL_0} for the regression output, as HF names it). */
    public static List<String> labels(GlueTask task) {
        return task.isRegression() ? List.of("LABEL_0") : task.labels();
    }

    /** HF's {@code problem_type} of {@code task}. */
    public static String problemType(GlueTask task) {
        return task.isRegression() ? "regression" : "single_label_classification";
    }

    /**
     * A base model with a training run's adapter applied. The adapter must have been trained on {@code task} and
     * refuses another base (by the weights' SHA-256).
     */
    public static TaskModel withAdapter(Path base, Path adapterDir, GlueTask task, Backend backend) throws IOException {
        ModelDirectory md = openDirectory(base);
        BertTokenizer tokenizer = tokenizer(md);
        Adapter adapter = Adapter.load(adapterDir);
        AdapterConfig ac = adapter.config();
        Object adapterTask = ac.hyperparameters().get("task");
        if (adapterTask != null && !adapterTask.equals(task.key())) {
            throw new IllegalArgumentException(adapterDir + ": adapter was trained on task " + adapterTask + ", not " + task.key());
        }
        if (ac.labels().size() != task.numLabels()) {
            throw new IllegalArgumentException(adapterDir + ": adapter has " + ac.labels().size() + " outputs, task "
                    + task.key() + " needs " + task.numLabels());
        }
        return new TaskModel(md, tokenizer, adapter.loadOnto(md, backend), ac.trainedMaxLength());
    }

    /**
     * A fine-tuned full model (with its own task head) for evaluation on {@code task}: the stored head must exist and
     * have the task's number of outputs.
     */
    public static TaskModel fineTuned(Path dir, GlueTask task, Backend backend) throws IOException {
        ModelDirectory md = openDirectory(dir);
        BertTokenizer tokenizer = tokenizer(md);
        try (SafetensorsFile weights = md.openWeights()) {
            if (!weights.contains("classifier.weight")) {
                throw new ModelFormatException(md.weightsPath(), "has no task head (classifier.weight): it is a base model, "
                        + "not fine-tuned; give the adapter of a training run with --adapter DIR");
            }
            long outputs = weights.info("classifier.weight").shape()[0];
            if (outputs != task.numLabels()) {
                throw new ModelFormatException(md.weightsPath(), "its task head has " + outputs + " outputs but task "
                        + task.key() + " needs " + task.numLabels() + ": was it fine-tuned on another task?");
            }
        }
        return new TaskModel(md, tokenizer, BertForSequenceClassification.load(dir, 0, 0, backend), md.modelMaxLength());
    }

    /** Opens {@code dir} as a model directory, with messages that say what to do. */
    public static ModelDirectory openDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelFormatException(dir, Files.exists(dir) ? "is a file, not a model directory (convert a checkpoint "
                    + "with 'hifi convert --from FILE --out DIR' first)" : "no such model directory");
        }
        ModelDirectory md = ModelDirectory.open(dir);
        try {
            BertConfig.load(md.configPath());
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFormatException(md.configPath(), "not a usable BERT config: " + e.getMessage());
        }
        return md;
    }

    private static BertTokenizer tokenizer(ModelDirectory md) throws IOException {
        BertTokenizer tokenizer;
        try {
            tokenizer = BertTokenizer.fromModelDirectory(md.root());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(md.vocabPath(), "unusable tokenizer: " + e.getMessage());
        }
        BertConfig config = BertConfig.load(md.configPath());
        if (tokenizer.vocab().size() > config.vocabSize()) {
            throw new ModelFormatException(md.vocabPath(), "has " + tokenizer.vocab().size() + " tokens but the model's "
                    + "embedding table has " + config.vocabSize() + " rows (vocab_size): the vocabulary belongs to another model");
        }
        return tokenizer;
    }

    public BertConfig config() {
        return model.config();
    }

    /**
     * The encoder for this model: {@code maxLength} tokens, which must fit the position table.
     */
    public TaskEncoder encoder(int maxLength) {
        if (maxLength > config().maxPositionEmbeddings()) {
            throw new IllegalArgumentException("--max-length " + maxLength + " exceeds the model's "
                    + config().maxPositionEmbeddings() + " positions (max_position_embeddings in " + directory.configPath() + ")");
        }
        return new TaskEncoder(tokenizer, maxLength);
    }
}
