package hifi.method.methods;

import hifi.engine.runtime.CounterRng;
import hifi.method.scoring.HeadId;

import java.util.ArrayList;
import java.util.List;

/**
 * Head masks: {@code boolean[layers][heads]}, {@code true} = the head trains (in HF {@code [out, in]} terms its rows of
 * the query/key/value weights and its columns of {@code attention.output.dense.weight}).
 */
public final class HeadMasks {
    private HeadMasks() {
    }

    /** The mask holding exactly {@code heads} (a selection from the scoring pipeline). */
    public static boolean[][] of(List<HeadId> selected, int layers, int headsPerLayer) {
        boolean[][] mask = new boolean[layers][headsPerLayer];
        for (HeadId h : selected) {
            if (h.layer() < 0 || h.layer() >= layers || h.head() < 0 || h.head() >= headsPerLayer) {
                throw new IllegalArgumentException("head " + h + " is outside the model (" + layers + " layers × " + headsPerLayer + " heads)");
            }
            mask[h.layer()][h.head()] = true;
        }
        return mask;
    }

    /** The selected heads, by layer then head. */
    public static List<HeadId> heads(boolean[][] mask) {
        List<HeadId> out = new ArrayList<>();
        for (int l = 0; l < mask.length; l++) for (int h = 0; h < mask[l].length; h++) if (mask[l][h]) out.add(new HeadId(l, h));
        return out;
    }

    /** Heads selected in {@code layer}. */
    public static int count(boolean[][] mask, int layer) {
        int n = 0;
        for (boolean b : mask[layer]) if (b) n++;
        return n;
    }

    /** {@code k} when every layer has exactly {@code k} heads selected, else {@code -1}. */
    public static int perLayer(boolean[][] mask) {
        int k = count(mask, 0);
        for (int l = 1; l < mask.length; l++) if (count(mask, l) != k) return -1;
        return k;
    }

    /**
     * {@code k} distinct heads per layer, uniformly at random: a partial Fisher–Yates shuffle of each layer's heads
     * driven by {@link CounterRng} on {@code (seed, layer)}, so the draw is reproducible everywhere.
     */
    public static boolean[][] random(int layers, int headsPerLayer, int k, long seed) {
        if (k < 1 || k > headsPerLayer) throw new IllegalArgumentException("random heads: k must be in 1.." + headsPerLayer + ", got " + k);
        boolean[][] mask = new boolean[layers][headsPerLayer];
        for (int l = 0; l < layers; l++) {
            int[] order = new int[headsPerLayer];
            for (int h = 0; h < headsPerLayer; h++) order[h] = h;
            long layerSeed = CounterRng.derive(seed, l);
            for (int i = 0; i < k; i++) {
                int j = i + (int) Long.remainderUnsigned(CounterRng.bits(layerSeed, i), headsPerLayer - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
                mask[l][order[i]] = true;
            }
        }
        return mask;
    }
}
