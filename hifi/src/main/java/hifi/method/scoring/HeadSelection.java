package hifi.method.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks heads from scores: the top {@code k} of every layer, or the top {@code budget} overall. Ties go to the lower
 * head index (globally: the lower {@code l·H + h}), so the choice is deterministic. Results are sorted by layer, then
 * head.
 */
public final class HeadSelection {
    private HeadSelection() {
    }

    /** The {@code k} best heads of each layer. */
    public static List<HeadId> topKPerLayer(double[][] scores, int k) {
        int heads = checkedHeads(scores);
        if (k < 1 || k > heads) throw new IllegalArgumentException("k must be in 1.." + heads + " (heads per layer), got " + k);
        List<HeadId> out = new ArrayList<>();
        for (int l = 0; l < scores.length; l++) {
            int[] order = ranking(scores[l]);
            int[] chosen = java.util.Arrays.copyOf(order, k);
            java.util.Arrays.sort(chosen);
            for (int h : chosen) out.add(new HeadId(l, h));
        }
        return out;
    }

    /** The {@code budget} best heads over all layers. */
    public static List<HeadId> topGlobal(double[][] scores, int budget) {
        int heads = checkedHeads(scores);
        int total = scores.length * heads;
        if (budget < 1 || budget > total) throw new IllegalArgumentException("head budget must be in 1.." + total + ", got " + budget);
        double[] flat = new double[total];
        for (int l = 0; l < scores.length; l++) System.arraycopy(scores[l], 0, flat, l * heads, heads);
        int[] chosen = java.util.Arrays.copyOf(ranking(flat), budget);
        java.util.Arrays.sort(chosen);
        List<HeadId> out = new ArrayList<>();
        for (int g : chosen) out.add(new HeadId(g / heads, g % heads));
        return out;
    }

    /** Indices ordered by descending score, ties by ascending index. NaN scores are rejected. */
    public static int[] ranking(double[] scores) {
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) throw new IllegalArgumentException("score " + i + " is NaN");
        }
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(scores[b], scores[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) out[i] = idx[i];
        return out;
    }

    private static int checkedHeads(double[][] scores) {
        if (scores.length == 0) throw new IllegalArgumentException("no layers to select from");
        int heads = scores[0].length;
        for (int l = 0; l < scores.length; l++) {
            if (scores[l].length != heads) throw new IllegalArgumentException("layer " + l + " has " + scores[l].length + " scores, expected " + heads);
        }
        return heads;
    }
}
