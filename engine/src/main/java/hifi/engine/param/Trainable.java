package hifi.engine.param;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What may learn: whole tensors (by {@link ParameterGroup group}, e.g. every bias, or by layer) and attention heads of
 * chosen layers. The mechanism knows no model: a group is a predicate over parameter names (a model's own groups, such
 * as BERT's, live with the model), and a head owns the slice of a parameter that {@link Parameter#headAxis()} and the
 * head size say.
 *
 * <p>A selected head {@code h} of layer {@code l} makes trainable, in {@code [out, in]} terms, <b>rows</b>
 * {@code h·d_h .. (h+1)·d_h − 1} of that layer's parameters with head axis 0 (BERT: the query, key and value weights),
 * the same entries of those that are biases ({@link Builder#headBiases}) and the same <b>columns</b> of those with head
 * axis 1 (BERT: {@code attention.output.dense.weight}, {@link Builder#headOutput}). Adjacent selected heads form one
 * contiguous slice. A tensor that is trainable as a whole wins over its head slices.
 *
 * <p>Immutable; build one with {@link #builder(int, int)}.
 */
public final class Trainable {


    /** A trainable slice of a parameter: {@code length} indices from {@code start} along dimension {@code dim}. */
    public record Range(int dim, int start, int length) {
    }

    private final int layers;
    private final int heads;
    private final Set<ParameterGroup> groups;
    private final Set<Integer> wholeLayers;
    private final boolean[][] headMask;
    private final boolean headBiases;
    private final boolean headOutput;

    private Trainable(Builder b) {
        layers = b.layers;
        heads = b.heads;
        groups = Collections.unmodifiableSet(new LinkedHashSet<>(b.groups));
        wholeLayers = Set.copyOf(b.wholeLayers);
        headMask = new boolean[layers][];
        for (int l = 0; l < layers; l++) headMask[l] = b.headMask[l].clone();
        headBiases = b.headBiases;
        headOutput = b.headOutput;
    }

    /** A builder for a model of {@code layers} layers with {@code heads} heads each; nothing is trainable yet. */
    public static Builder builder(int layers, int heads) {
        return new Builder(layers, heads);
    }

    /** Everything trainable (full fine-tuning). */
    public static Trainable all(int layers, int heads) {
        return builder(layers, heads).group(ParameterGroup.ALL).build();
    }

    public boolean isHeadSelected(int layer, int head) {
        return headMask[layer][head];
    }

    /** Number of selected heads in {@code layer}. */
    public int selectedHeads(int layer) {
        int n = 0;
        for (boolean s : headMask[layer]) if (s) n++;
        return n;
    }

    /** True if the parameter {@code name} of {@code layer} ({@code -1}: none) is trainable as a whole tensor. */
    public boolean isWholeTensor(String name, int layer) {
        if (layer >= 0 && wholeLayers.contains(layer)) return true;
        for (ParameterGroup g : groups) if (g.contains(name)) return true;
        return false;
    }

    /**
     * The trainable slices of {@code p}: one full-tensor range, the runs of adjacent selected heads along
     * {@code p.headAxis()}, or nothing (frozen).
     */
    public List<Range> ranges(Parameter p, int headSize) {
        int dim = Math.max(p.headAxis(), 0);
        if (isWholeTensor(p.name(), p.layer())) return List.of(new Range(dim, 0, p.value().dim(dim)));
        if (!p.isHeadSliced() || p.layer() < 0) return List.of();
        boolean isBias = p.name().endsWith(".bias");
        if (p.headAxis() == 1 ? !headOutput : (isBias && !headBiases)) return List.of();
        List<Range> out = new ArrayList<>();
        boolean[] sel = headMask[p.layer()];
        for (int h = 0; h < sel.length; ) {
            if (!sel[h]) {
                h++;
                continue;
            }
            int start = h;
            while (h < sel.length && sel[h]) h++;
            out.add(new Range(dim, start * headSize, (h - start) * headSize));
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Trainable[groups=").append(groups).append(", layers=").append(wholeLayers)
                .append(", heads=");
        for (int l = 0; l < layers; l++) {
            sb.append(l == 0 ? "" : "|");
            for (boolean s : headMask[l]) sb.append(s ? '1' : '0');
        }
        return sb.append(", headBiases=").append(headBiases).append(", headOutput=").append(headOutput).append(']').toString();
    }

    /** Collects the choices; every method returns {@code this}. */
    public static final class Builder {
        private final int layers;
        private final int heads;
        private final Set<ParameterGroup> groups = new LinkedHashSet<>();
        private final Set<Integer> wholeLayers = new LinkedHashSet<>();
        private final boolean[][] headMask;
        private boolean headBiases = true;
        private boolean headOutput = true;

        private Builder(int layers, int heads) {
            if (layers <= 0 || heads <= 0) throw new IllegalArgumentException("Trainable: layers and heads must be > 0, got " + layers + ", " + heads);
            this.layers = layers;
            this.heads = heads;
            headMask = new boolean[layers][heads];
        }

        /** Every tensor of group {@code g}, as a whole. */
        public Builder group(ParameterGroup g) {
            groups.add(g);
            return this;
        }

        /** Every parameter of encoder layer {@code l}. */
        public Builder layer(int l) {
            checkLayer(l);
            wholeLayers.add(l);
            return this;
        }

        /** Head {@code h} of layer {@code l}. */
        public Builder head(int l, int h) {
            checkLayer(l);
            if (h < 0 || h >= heads) throw new IllegalArgumentException("Trainable: head " + h + " outside 0.." + (heads - 1));
            headMask[l][h] = true;
            return this;
        }

        /** A whole {@code [layers × heads]} mask, {@code true} = trainable. */
        public Builder heads(boolean[][] mask) {
            if (mask.length != layers) throw new IllegalArgumentException("Trainable: head mask has " + mask.length + " layers, model has " + layers);
            for (int l = 0; l < layers; l++) {
                if (mask[l].length != heads) throw new IllegalArgumentException("Trainable: head mask row " + l + " has " + mask[l].length + " heads, model has " + heads);
                for (int h = 0; h < heads; h++) if (mask[l][h]) headMask[l][h] = true;
            }
            return this;
        }

        /** Whether a selected head's query/key/value bias entries train (default {@code true}). */
        public Builder headBiases(boolean on) {
            headBiases = on;
            return this;
        }

        /** Whether a selected head's columns of {@code attention.output.dense.weight} train (default {@code true}). */
        public Builder headOutput(boolean on) {
            headOutput = on;
            return this;
        }

        public Trainable build() {
            return new Trainable(this);
        }

        private void checkLayer(int l) {
            if (l < 0 || l >= layers) throw new IllegalArgumentException("Trainable: layer " + l + " outside 0.." + (layers - 1));
        }
    }
}
