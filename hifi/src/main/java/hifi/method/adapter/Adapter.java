package hifi.method.adapter;

import hifi.engine.backend.Backend;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.bert.BertParameterGroups;
import hifi.engine.io.AtomicFiles;
import hifi.engine.io.Json;
import hifi.engine.io.ModelDirectory;
import hifi.engine.io.SafetensorsFile;
import hifi.engine.io.SafetensorsWriter;
import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import hifi.engine.tensor.Tensor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved fine-tuning result that holds only what was trained: a directory with {@value #CONFIG} ({@link AdapterConfig})
 * and {@value #WEIGHTS} (the trained slices, named by {@link AdapterTensors}). Like a peft adapter it is applied to
 * its base model; unlike a LoRA adapter it replaces slices of the base weights rather than adding to them, and it
 * refuses a base whose weights hash differs from the one it was trained on. The weights file records a CRC32C of each
 * tensor, checked on load. A {@code lora} run's adapter is a peft LoRA adapter instead ({@link PeftLoraFormat}): its
 * factors add {@code alpha/r · B·A} to the targeted weights, and the classifier and pooler replace the base's.
 */
public final class Adapter {
    public static final String CONFIG = "adapter_config.json";
    public static final String WEIGHTS = "adapter_model.safetensors";

    private final AdapterConfig config;
    private final Map<String, Tensor> tensors;

    private Adapter(AdapterConfig config, Map<String, Tensor> tensors) {
        this.config = config;
        this.tensors = tensors;
    }

    public AdapterConfig config() {
        return config;
    }

    /** The stored tensors by name, in file order. */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** Number of stored scalars (equals the trainable-parameter count of the run). */
    public long scalars() {
        long n = 0;
        for (Tensor t : tensors.values()) n += t.numel();
        return n;
    }

    /**
     * Writes the adapter of {@code model} under {@code trainable} to {@code directory}, atomically (a temporary sibling
     * directory renamed into place). An existing directory is replaced.
     */
    public static void save(Path directory, AdapterConfig config, BertForSequenceClassification model, Trainable trainable) throws IOException {
        Map<String, Tensor> trained = AdapterTensors.collect(model.parameters(), trainable, model.config().headSize());
        if (trained.isEmpty()) throw new IllegalArgumentException("nothing to save: the trainable set is empty");
        SafetensorsWriter w = new SafetensorsWriter().withChecksums();
        for (Map.Entry<String, Tensor> e : trained.entrySet()) {
            String key = config.isLora() ? PeftLoraFormat.key(e.getKey()) : e.getKey();
            w.putFloats(key, e.getValue().toArray(), e.getValue().shape());
        }
        w.metadata("format", "pt").metadata("peft_type", config.isLora() ? PeftLoraFormat.PEFT_TYPE : AdapterConfig.PEFT_TYPE)
                .metadata("method", config.method());
        AtomicFiles.writeDirectory(directory, true, tmp -> {
            Files.writeString(tmp.resolve(CONFIG), Json.pretty(config.toJson()), StandardCharsets.UTF_8);
            w.write(tmp.resolve(WEIGHTS));
        });
    }

    /**
     * Reads an adapter directory, HiFi's format or peft's LoRA format (ours or one Python peft wrote), verifying the
     * weights' checksums where the file has them ({@link SafetensorsFile#openVerified}). Tensors are keyed by model
     * parameter name (a LoRA file's {@code base_model.model.} prefix removed).
     */
    public static Adapter load(Path directory) throws IOException {
        Path cfg = directory.resolve(CONFIG), weights = directory.resolve(WEIGHTS);
        if (Files.isRegularFile(cfg) && !Files.isRegularFile(weights) && Files.isRegularFile(directory.resolve("adapter_model.bin"))) {
            throw new IllegalArgumentException(directory + ": holds adapter_model.bin (a pickle); save the adapter with safetensors "
                    + "(peft's default, safe_serialization=True)");
        }
        for (Path p : List.of(cfg, weights)) {
            if (!Files.isRegularFile(p)) throw new IllegalArgumentException(directory + ": not an adapter directory (missing " + p.getFileName() + ")");
        }
        AdapterConfig config = AdapterConfig.fromJson(ModelDirectory.readJsonObject(cfg), cfg.toString());
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.openVerified(weights)) {
            for (String name : f.names()) {
                tensors.put(config.isLora() ? PeftLoraFormat.parameter(name, weights.toString()) : name, f.readTensor(name));
            }
        }
        if (config.labels().isEmpty()) {
            Tensor classifier = tensors.get("classifier.weight");
            if (classifier == null) throw new IllegalArgumentException(weights + ": no classifier (base_model.model.classifier.weight) and no id2label in " + CONFIG);
            List<String> labels = new java.util.ArrayList<>();
            for (int i = 0; i < classifier.dim(0); i++) labels.add("LABEL_" + i);
            config = config.withLabels(labels);
        }
        return new Adapter(config, tensors);
    }

    /**
     * Fails with a clear message unless {@code base} is the model this adapter was trained on. An adapter that records
     * no hash (one Python peft wrote) is applied to the base it is given, as peft does.
     */
    public void checkBase(BaseModel.Identity base) {
        if (config.base().sha256() != null && !config.base().sha256().equals(base.sha256())) {
            throw new IllegalArgumentException("adapter trained on base model " + config.base().nameOrPath() + " (sha256 "
                    + config.base().sha256() + ") refuses base model " + base.nameOrPath() + " (sha256 " + base.sha256()
                    + "): the weights differ, so the trained slices would not fit");
        }
    }

    /**
     * Copies every stored tensor into {@code model}'s weights (the model must have the base's weights elsewhere); a
     * LoRA adapter must hold both factors of every projection the model has a branch on.
     */
    public void applyTo(BertForSequenceClassification model) {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            byName.put(p.name(), p);
            if (BertParameterGroups.LORA.contains(p.name()) && !tensors.containsKey(p.name())) {
                throw new IllegalArgumentException("LoRA adapter has no tensor " + PeftLoraFormat.key(p.name())
                        + ", but its target_modules " + config.lora().targets() + " put a LoRA branch there");
            }
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            AdapterTensors.Target t = AdapterTensors.parse(e.getKey());
            Parameter p = byName.get(t.parameter());
            if (p == null) throw new IllegalArgumentException("adapter tensor \"" + e.getKey() + "\": the model has no parameter " + t.parameter());
            Tensor view = t.view(p, model.config().headSize());
            if (!Arrays.equals(view.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("adapter tensor \"" + e.getKey() + "\" has shape " + Arrays.toString(e.getValue().shape())
                        + ", the model's slice is " + Arrays.toString(view.shape()));
            }
            view.copyFrom(e.getValue());
        }
    }

    /**
     * The base model of {@code base} with this adapter applied: refuses another base, takes the task head's labels
     * and the initialisation seed of task-head parameters the base lacks from the adapter.
     */
    public BertForSequenceClassification loadOnto(ModelDirectory base, Backend backend) throws IOException {
        checkBase(BaseModel.identity(base));
        BertForSequenceClassification model = BaseModel.forClassification(base, config.labels(), config.problemType(), config.headInitSeed(),
                backend, config.lora());
        applyTo(model);
        return model;
    }
}
