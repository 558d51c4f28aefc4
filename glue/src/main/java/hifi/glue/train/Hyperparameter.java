package hifi.glue.train;

import hifi.method.methods.MethodSpec;

import java.util.List;

/**
 * The hyperparameters of a fine-tuning run, each defined once: the {@code train} command's flag, the key of a sweep
 * config's run parameters, the key under which the run records it ({@code run.json}, the adapter config), its type,
 * default, smallest allowed value and description. The command line's options, the sweep's parameters and the
 * recorded hyperparameters are all made from this list ({@link Hyperparameters}); the engine's trainer settings are
 * derived from it in {@link FineTuning}. The order is the order of the recorded hyperparameters.
 */
public enum Hyperparameter {
    K("k", "K", "k", "k", Type.INT, "1", 1, "heads per layer (hifi, info-only, corr-only, random-heads)"),
    LEARNING_RATE("lr", "RATE", null, "learning_rate", Type.DOUBLE, "5e-4", 0, "peak learning rate (full fine-tuning wants ~2e-5)"),
    EPOCHS("epochs", "N", "epochs", "epochs", Type.INT, "3", 1, "epochs"),
    BATCH_SIZE("batch-size", "N", "batch_size", "batch_size", Type.INT, "32", 1, "examples per batch"),
    MAX_LENGTH("max-length", "N", "max_length", "max_length", Type.INT, "128", 1, "tokens per example, [CLS]/[SEP] included"),
    SEED("seed", "S", null, "seed", Type.LONG, "1", Long.MIN_VALUE, "seed of the task head, the data order, dropout and random heads"),
    EVAL_EVERY("eval-every", "N", "eval_every", "eval_every_steps", Type.INT, "0", 0, "evaluate on dev every N updates (0: at epoch ends)"),
    PATIENCE("patience", "N", "patience", "patience", Type.INT, "0", 0, "stop after N evaluations without improvement (0: never)"),
    /** On the command line the negated switch {@code --no-length-grouping}. */
    LENGTH_GROUPED("no-length-grouping", "", "length_grouped", "length_grouped", Type.BOOLEAN, "true", 0,
            "batch in random order instead of grouping similar lengths"),
    WARMUP("warmup", "RATIO", "warmup_ratio", "warmup_ratio", Type.DOUBLE, "0.06", 0, "warm-up share of the updates"),
    WEIGHT_DECAY("weight-decay", "W", "weight_decay", "weight_decay", Type.DOUBLE, "0.01", 0, "AdamW weight decay (not on biases and LayerNorm)"),
    MICRO_BATCHES("micro-batches", "P", "micro_batches", "micro_batches", Type.INT, "1", 1,
            "split each batch into P micro-batches and sum their gradients (what --partitions P computes on a cluster)"),
    TRAIN_SUBSET("train-subset", "N", "train_subset", "train_subset", Type.INT, "0", 0, "train on a fixed-seed subset of N examples (0: all)"),
    SAMPLES("samples", "N", "samples", null, Type.INT, "256", 2, "calibration examples for the inline head selection"),
    CHECKPOINT_EVERY("checkpoint-every", "N", "checkpoint_every", null, Type.INT, "0", 0, "also checkpoint every N updates (0: at epoch ends)"),
    LORA_R("lora-r", "R", "lora_r", "lora_r", Type.INT, "8", 1, "LoRA rank (method lora)"),
    LORA_ALPHA("lora-alpha", "ALPHA", "lora_alpha", "lora_alpha", Type.DOUBLE, "16", 0, "LoRA alpha: the update is scaled by alpha / r (method lora)"),
    LORA_DROPOUT("lora-dropout", "P", "lora_dropout", "lora_dropout", Type.DOUBLE, "0.1", 0, "dropout on the LoRA branch's input (method lora)"),
    LORA_TARGETS("lora-targets", "LIST", "lora_targets", "lora_targets", Type.STRING, "query,value", 0,
            "projections that get LoRA, comma-separated: query, key, value, attention.output.dense, intermediate.dense, output.dense"
                    + " (peft's suffix rule: output.dense also takes attention.output.dense; method lora)"),
    VARIANT("variant", "A|B|C", "variant", "variant", Type.STRING, "B", 0, "head graph variant of the inline head selection (hifi)"),
    SCOPE("scope", "layer|global", "scope", "scope", Type.STRING, "layer", 0,
            "one PageRank graph per layer or one over all heads, for the inline head selection (hifi, corr-only)"),
    SELECTION("selection", "layer|global", "selection", "selection", Type.STRING, "layer", 0,
            "inline head selection: top K per layer, or top K·layers over all layers (global)"),
    ORDER("order", "top|lowest", "order", "order", Type.STRING, "top", 0,
            "inline head selection: the best-ranked heads, or the lowest-ranked (a negative control)");

    /** How a value is typed ({@code STRING}: text as given, e.g. a comma-separated list). */
    public enum Type { INT, LONG, DOUBLE, BOOLEAN, STRING }

    private final String flag;
    private final String valueName;
    private final String paramKey;
    private final String recordKey;
    private final Type type;
    private final String defaultValue;
    private final long min;
    private final String description;

    Hyperparameter(String flag, String valueName, String paramKey, String recordKey, Type type, String defaultValue, long min,
                   String description) {
        this.flag = flag;
        this.valueName = valueName;
        this.paramKey = paramKey;
        this.recordKey = recordKey;
        this.type = type;
        this.defaultValue = defaultValue;
        this.min = min;
        this.description = description;
    }

    /** The command-line flag without dashes ({@code batch-size}). */
    public String flag() {
        return flag;
    }

    /** The placeholder of the flag's value in help ({@code N}); empty for a switch. */
    public String valueName() {
        return valueName;
    }

    /**
     * The key in a sweep config's run parameters ({@code batch_size}), or null for the two a sweep sets itself (the
     * learning rate and the seed).
     */
    public String paramKey() {
        return paramKey;
    }

    /** The key in the recorded hyperparameters ({@code run.json}, adapter config), or null if not recorded. */
    public String recordKey() {
        return recordKey;
    }

    public Type type() {
        return type;
    }

    /** The default as typed on the command line. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** True for the settings of method {@code lora}, recorded only for its runs. */
    public boolean isLora() {
        return flag.startsWith("lora-");
    }

    /**
     * True for the settings of the inline head selection ({@code variant}, {@code scope}, {@code selection},
     * {@code order}), recorded only for runs that select their heads.
     */
    public boolean isSelection() {
        return !choices().isEmpty();
    }

    /** The values a selection setting may take (empty for the others). */
    public List<String> choices() {
        return switch (this) {
            case VARIANT -> List.of("A", "B", "C");
            case SCOPE, SELECTION -> List.of("layer", "global");
            case ORDER -> List.of("top", "lowest");
            default -> List.of();
        };
    }

    /** Whether the command-line flag is the negation of the value ({@code --no-length-grouping}). */
    public boolean negatedFlag() {
        return flag.startsWith("no-");
    }

    /** The value of {@code text} ({@code "5e-4"}, {@code "3"}, {@code "true"}) in this hyperparameter's type. */
    public Object parse(String text) {
        return switch (type) {
            case INT -> Integer.parseInt(text);
            case LONG -> Long.parseLong(text);
            case DOUBLE -> Double.parseDouble(text);
            case BOOLEAN -> Boolean.parseBoolean(text);
            case STRING -> text;
        };
    }

    /** Throws an {@link IllegalArgumentException} naming the hyperparameter if {@code value} is out of range. */
    void check(Object value) {
        String name = this == LEARNING_RATE ? "learning rate" : this == SAMPLES ? "selection samples" : flag.replace('-', ' ');
        if (isLora()) {  // one check of every LoRA setting, against the others' defaults
            MethodSpec.loraConfig(this == LORA_R ? (Integer) value : 8, this == LORA_ALPHA ? (Double) value : 16,
                    this == LORA_DROPOUT ? (Double) value : 0.1, this == LORA_TARGETS ? (String) value : "query");
            return;
        }
        if (isSelection() && !choices().contains((String) value)) {
            throw new IllegalArgumentException(name + " must be one of " + String.join(", ", choices()) + ", got \"" + value + "\"");
        }
        switch (value) {
            case Double d when this == LEARNING_RATE && (!(d > 0) || !Double.isFinite(d)) ->
                    throw new IllegalArgumentException(name + " must be > 0, got " + d);
            case Double d when !(d >= min) || !Double.isFinite(d) ->
                    throw new IllegalArgumentException(name + " must be ≥ " + min + ", got " + d);
            case Integer i when i < min -> throw new IllegalArgumentException(name + " must be ≥ " + min + ", got " + i);
            default -> {
            }
        }
    }
}
