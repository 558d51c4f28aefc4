package hifi.method.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks heads from scores: the top {@code k} of every layer, or the top {@code budget} overall; or, as a negative
 * control, the lowest-ranked ones. Ties go to the lower head index (globally: the lower {@code l·H + h}), so the
 * choice is deterministic. Results are sorted by layer, then head.
 */
public final class HeadSelection {
    private HeadSelection() {
    }

    /** The {@code k} best heads of each layer. */
    public static List<HeadId> topKPerLayer(double[][] scores, int k) {
        return perLayer(scores, k, false);
    }

    /** The {@code budget} best heads over all layers. */
    public static List<HeadId> topGlobal(double[][] scores, int budget) {
        return global(scores, budget, false);
    }

    /** The {@code k} best heads of each layer, or with {@code lowest} the {@code k} worst. */
    public static List<HeadId> perLayer(double[][] scores, int k, boolean lowest) {
        int heads = checkedHeads(scores);
        if (k < 1 || k > heads) throw new IllegalArgumentException("k must be in 1.." + heads + " (heads per layer), got " + k);
        List<HeadId> out = new ArrayList<>();
        for (int l = 0; l < scores.length; l++) {
            int[] order = ranking(scores[l], lowest);
            int[] chosen = java.util.Arrays.copyOf(order, k);
            java.util.Arrays.sort(chosen);
            for (int h : chosen) out.add(new HeadId(l, h));
        }
        return out;
    }

    /** The {@code budget} best heads over all layers, or with {@code lowest} the {@code budget} worst. */
    public static List<HeadId> global(double[][] scores, int budget, boolean lowest) {
        int heads = checkedHeads(scores);
        int total = scores.length * heads;
        if (budget < 1 || budget > total) throw new IllegalArgumentException("head budget must be in 1.." + total + ", got " + budget);
        double[] flat = new double[total];
        for (int l = 0; l < scores.length; l++) System.arraycopy(scores[l], 0, flat, l * heads, heads);
        int[] chosen = java.util.Arrays.copyOf(ranking(flat, lowest), budget);
        java.util.Arrays.sort(chosen);
        List<HeadId> out = new ArrayList<>();
        for (int g : chosen) out.add(new HeadId(g / heads, g % heads));
        return out;
    }

    /** Indices ordered by descending score, ties by ascending index. NaN scores are rejected. */
    public static int[] ranking(double[] scores) {
        return ranking(scores, false);
    }

    /** Indices ordered by descending score, or with {@code lowest} by ascending score; ties by ascending index. */
    private static int[] ranking(double[] scores, boolean lowest) {
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) throw new IllegalArgumentException("score " + i + " is NaN");
        }
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> {
            int c = lowest ? Double.compare(scores[a], scores[b]) : Double.compare(scores[b], scores[a]);
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
