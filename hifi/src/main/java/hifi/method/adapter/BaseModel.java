package hifi.method.adapter;

import hifi.engine.backend.Backend;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.bert.MapWeights;
import hifi.engine.bert.RandomWeights;
import hifi.engine.io.ModelDirectory;
import hifi.engine.io.SafetensorsFile;
import hifi.engine.nn.LoraConfig;
import hifi.engine.nn.LoraInit;
import hifi.engine.nn.WeightSource;
import hifi.engine.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A base model directory ({@link ModelDirectory}) and its identity: the directory name and the SHA-256 of its
 * {@code model.safetensors} bytes, which an adapter records so it can refuse a different base.
 */
public final class BaseModel {
    private BaseModel() {
    }

    /** Who a base model is: where it came from and the SHA-256 (hex) of its weight file. */
    public record Identity(String nameOrPath, String sha256) {
    }

    /** The identity of {@code dir}: its path as given, and the hash of its weights (reads the whole file once). */
    public static Identity identity(ModelDirectory dir) throws IOException {
        return new Identity(dir.root().toString(), sha256(dir.weightsPath()));
    }

    /** SHA-256 of a file's bytes, as lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The base configuration with the task head of {@code labels} ({@code problemType} as in {@code config.json}). */
    public static BertConfig withLabels(BertConfig c, List<String> labels, String problemType) {
        return new BertConfig(c.vocabSize(), c.hiddenSize(), c.numHiddenLayers(), c.numAttentionHeads(), c.intermediateSize(),
                c.hiddenAct(), c.hiddenDropoutProb(), c.attentionProbsDropoutProb(), c.maxPositionEmbeddings(), c.typeVocabSize(),
                c.layerNormEps(), c.padTokenId(), labels, problemType);
    }

    /** Every tensor of the base weight file, read into heap tensors by its stored name. */
    public static Map<String, Tensor> readTensors(ModelDirectory dir) throws IOException {
        Map<String, Tensor> out = new HashMap<>();
        try (SafetensorsFile f = dir.openWeights()) {
            for (String name : f.names()) if (f.info(name).dtype().isFloatingPoint()) out.put(name, f.readTensor(name));
        }
        return out;
    }

    /**
     * The base model ready for fine-tuning on a task of {@code labels}: every weight from the directory, except the
     * task head's parameters the directory lacks (the classifier of a plain encoder, the pooler of a model saved
     * without one, as all-MiniLM-L6-v2), which are freshly initialised with {@code headInitSeed} (HF's init), as
     * {@code BertForSequenceClassification.from_pretrained} does.
     */
    public static BertForSequenceClassification forClassification(ModelDirectory dir, List<String> labels, String problemType,
                                                                   long headInitSeed, Backend backend) throws IOException {
        return forClassification(dir, labels, problemType, headInitSeed, backend, null);
    }

    /**
     * As above, with LoRA branches where {@code lora} (may be {@code null}) targets a projection; their factors are
     * initialised as peft does ({@link LoraInit}: A Kaiming-uniform from {@code headInitSeed}, B zeros).
     */
    public static BertForSequenceClassification forClassification(ModelDirectory dir, List<String> labels, String problemType,
                                                                   long headInitSeed, Backend backend, LoraConfig lora) throws IOException {
        BertConfig config = withLabels(BertConfig.load(dir.configPath()), labels, problemType);
        Map<String, Tensor> tensors = readTensors(dir);
        MapWeights stored = new MapWeights(tensors, dir.weightsPath().toString());
        RandomWeights fresh = new RandomWeights(headInitSeed, 0.02f);
        WeightSource weights = (name, shape) -> {
            if (name.startsWith("classifier.") || name.startsWith("bert.pooler.")) {
                Tensor t = tensors.containsKey(name) ? tensors.get(name) : tensors.get(name.replaceFirst("^bert\\.", ""));
                return t != null && java.util.Arrays.equals(t.shape(), shape) ? t : fresh.get(name, shape);
            }
            return stored.get(name, shape);
        };
        return new BertForSequenceClassification(config, lora == null ? weights : new LoraInit(weights, headInitSeed), backend, lora);
    }
}
