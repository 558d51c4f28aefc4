package hifi.glue.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Spearman's rank correlation: Pearson's correlation of the ranks, where tied values share the mean of the ranks
 * they span (the "average" tie rule of SciPy's {@code spearmanr}). NaN when either input is constant.
 */
public final class SpearmanCorrelation {
    private SpearmanCorrelation() {
    }

    public static double of(double[] x, double[] y) {
        Inputs.check(x.length, y.length);
        return PearsonCorrelation.of(ranks(x), ranks(y));
    }

    /** 1-based ranks; a run of equal values gets the average of the ranks it occupies. NaN is not allowed. */
    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) throw new IllegalArgumentException("NaN at position " + i + " cannot be ranked");
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] ranks = new double[v.length];
        int start = 0;
        while (start < v.length) {
            int end = start;
            while (end + 1 < v.length && v[order[end + 1]] == v[order[start]]) end++;
            double shared = (start + end) / 2.0 + 1.0;
            for (int k = start; k <= end; k++) ranks[order[k]] = shared;
            start = end + 1;
        }
        return ranks;
    }
}
