package hifi.method.methods;

import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertParameterGroups;
import hifi.engine.nn.LoraConfig;
import hifi.engine.param.ParameterGroup;
import hifi.engine.param.Trainable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fine-tuning method with its switches, turned into a {@link Trainable} by {@link #trainable(BertConfig)}.
 *
 * @param headMask    {@code [layers][heads]} for {@code hifi}, {@code info-only}, {@code corr-only} (the selection made by
 *                    the scoring pipeline) and {@code random-heads} (drawn by {@link #randomHeads}); {@code null} otherwise
 * @param pooler      whether the pooler dense layer trains with the head-based methods (default on: the model has one)
 * @param trainOutput whether a selected head's {@code W_O} column block trains ({@code trainO}, default on)
 * @param lora        the LoRA settings of {@code lora}; {@code null} for every other method
 */
public record MethodSpec(Method method, boolean[][] headMask, boolean pooler, boolean trainOutput, LoraConfig lora) {

    /**
     * The projections {@code --lora-targets} may name, by peft's module names in BERT. peft's suffix rule applies:
     * {@code output.dense} also targets {@code attention.output.dense}.
     */
    public static final List<String> LORA_TARGETS = List.of("query", "key", "value", "attention.output.dense", "intermediate.dense", "output.dense");

    /** A method without LoRA settings. */
    public MethodSpec(Method method, boolean[][] headMask, boolean pooler, boolean trainOutput) {
        this(method, headMask, pooler, trainOutput, null);
    }

    public MethodSpec {
        if ((method == Method.LORA) != (lora != null)) {
            throw new IllegalArgumentException(method == Method.LORA ? "method lora needs its LoRA settings" : "method " + method.flag() + " takes no LoRA settings");
        }
        if (method.trainsHeads() && headMask == null) {
            throw new IllegalArgumentException("method " + method.flag() + " needs a head selection (boolean[layers][heads])");
        }
        if (!method.trainsHeads() && headMask != null) {
            throw new IllegalArgumentException("method " + method.flag() + " does not train a head selection");
        }
        if (headMask != null) {
            boolean[][] copy = new boolean[headMask.length][];
            for (int l = 0; l < headMask.length; l++) copy[l] = headMask[l].clone();
            headMask = copy;
            if (HeadMasks.heads(headMask).isEmpty()) throw new IllegalArgumentException("method " + method.flag() + ": the head selection is empty");
        }
    }

    /** HiFi with the heads chosen by PageRank, pooler and {@code W_O} on. */
    public static MethodSpec hifi(boolean[][] selection) {
        return new MethodSpec(Method.HIFI, selection, true, true);
    }

    /** An ablation ({@code info-only} / {@code corr-only}) trained like HiFi on that ranker's selection. */
    public static MethodSpec ablation(Method method, boolean[][] selection) {
        if (method != Method.INFO_ONLY && method != Method.CORR_ONLY) throw new IllegalArgumentException(method.flag() + " is not an ablation");
        return new MethodSpec(method, selection, true, true);
    }

    /** {@code k} random heads per layer, drawn with {@code seed}. */
    public static MethodSpec randomHeads(BertConfig config, int k, long seed) {
        return new MethodSpec(Method.RANDOM_HEADS, HeadMasks.random(config.numHiddenLayers(), config.numAttentionHeads(), k, seed), true, true);
    }

    /**
     * {@code lora}: the factors of every projection {@code lora} targets, and the pooler and classifier whole (peft's
     * {@code modules_to_save}).
     */
    public static MethodSpec lora(LoraConfig lora) {
        return new MethodSpec(Method.LORA, null, true, false, lora);
    }

    /**
     * The LoRA settings of the command line: {@code targets} a comma-separated list of {@link #LORA_TARGETS}; a bad
     * value is an error naming its flag.
     */
    public static LoraConfig loraConfig(int r, double alpha, double dropout, String targets) {
        List<String> names = new ArrayList<>();
        for (String t : targets.split(",", -1)) {
            String name = t.strip();
            if (!LORA_TARGETS.contains(name)) {
                throw new IllegalArgumentException("--lora-targets: unknown module \"" + name + "\" (any of: " + String.join(", ", LORA_TARGETS) + ")");
            }
            if (names.contains(name)) throw new IllegalArgumentException("--lora-targets: \"" + name + "\" is listed twice");
            names.add(name);
        }
        if (r < 1) throw new IllegalArgumentException("--lora-r must be ≥ 1, got " + r);
        if (!(alpha > 0) || !Double.isFinite(alpha)) throw new IllegalArgumentException("--lora-alpha must be > 0, got " + alpha);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("--lora-dropout must be in [0, 1), got " + dropout);
        return new LoraConfig(r, (float) alpha, (float) dropout, names);
    }

    /** {@code full}, {@code bitfit} or {@code linear-probe}. */
    public static MethodSpec of(Method method) {
        return new MethodSpec(method, null, false, false);
    }

    public MethodSpec withPooler(boolean on) {
        return new MethodSpec(method, headMask, on, trainOutput, lora);
    }

    public MethodSpec withTrainOutput(boolean on) {
        return new MethodSpec(method, headMask, pooler, on, lora);
    }

    /** A copy of the head mask, or {@code null}. */
    @Override
    public boolean[][] headMask() {
        if (headMask == null) return null;
        boolean[][] copy = new boolean[headMask.length][];
        for (int l = 0; l < headMask.length; l++) copy[l] = headMask[l].clone();
        return copy;
    }

    /** What trains under this method for a model of {@code config}'s shape. */
    public Trainable trainable(BertConfig config) {
        int layers = config.numHiddenLayers(), heads = config.numAttentionHeads();
        Trainable.Builder b = Trainable.builder(layers, heads);
        return switch (method) {
            case FULL -> b.group(ParameterGroup.ALL).build();
            case BITFIT -> b.group(BertParameterGroups.BIASES).group(BertParameterGroups.CLASSIFIER).build();
            case LINEAR_PROBE -> b.group(BertParameterGroups.CLASSIFIER).build();
            case LORA -> {
                b.group(BertParameterGroups.LORA).group(BertParameterGroups.CLASSIFIER);
                if (pooler) b.group(BertParameterGroups.POOLER);
                yield b.build();
            }
            case HIFI, RANDOM_HEADS, INFO_ONLY, CORR_ONLY -> {
                b.heads(headMask).headBiases(true).headOutput(trainOutput).group(BertParameterGroups.CLASSIFIER);
                if (pooler) b.group(BertParameterGroups.POOLER);
                yield b.build();
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MethodSpec s && s.method == method && s.pooler == pooler && s.trainOutput == trainOutput
                && Arrays.deepEquals(s.headMask, headMask) && java.util.Objects.equals(s.lora, lora);
    }

    @Override
    public int hashCode() {
        return method.hashCode() * 31 + Arrays.deepHashCode(headMask) + (pooler ? 2 : 0) + (trainOutput ? 1 : 0) + java.util.Objects.hashCode(lora);
    }

    @Override
    public String toString() {
        return method.flag() + (headMask == null ? "" : " heads=" + HeadMasks.heads(headMask)) + (lora == null ? "" : " " + lora)
                + " pooler=" + pooler + " trainO=" + trainOutput;
    }
}
