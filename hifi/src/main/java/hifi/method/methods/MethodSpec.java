package hifi.method.methods;

import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertParameterGroups;
import hifi.engine.param.ParameterGroup;
import hifi.engine.param.Trainable;

import java.util.Arrays;

/**
 * A fine-tuning method with its switches, turned into a {@link Trainable} by {@link #trainable(BertConfig)}.
 *
 * @param headMask    {@code [layers][heads]} for {@code hifi}, {@code info-only}, {@code corr-only} (the selection made by
 *                    the scoring pipeline) and {@code random-heads} (drawn by {@link #randomHeads}); {@code null} otherwise
 * @param pooler      whether the pooler dense layer trains with the head-based methods (default on: the model has one)
 * @param trainOutput whether a selected head's {@code W_O} column block trains ({@code trainO}, default on)
 */
public record MethodSpec(Method method, boolean[][] headMask, boolean pooler, boolean trainOutput) {

    public MethodSpec {
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

    /** {@code full}, {@code bitfit} or {@code linear-probe}. */
    public static MethodSpec of(Method method) {
        return new MethodSpec(method, null, false, false);
    }

    public MethodSpec withPooler(boolean on) {
        return new MethodSpec(method, headMask, on, trainOutput);
    }

    public MethodSpec withTrainOutput(boolean on) {
        return new MethodSpec(method, headMask, pooler, on);
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
                && Arrays.deepEquals(s.headMask, headMask);
    }

    @Override
    public int hashCode() {
        return method.hashCode() * 31 + Arrays.deepHashCode(headMask) + (pooler ? 2 : 0) + (trainOutput ? 1 : 0);
    }

    @Override
    public String toString() {
        return method.flag() + (headMask == null ? "" : " heads=" + HeadMasks.heads(headMask)) + " pooler=" + pooler + " trainO=" + trainOutput;
    }
}
