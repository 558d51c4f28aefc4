package hifi.method.stability;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Jaccard index of two sets, {@code |A ∩ B| / |A ∪ B|}: 1 for equal sets, 0 for disjoint ones; undefined
 * ({@code NaN}) when both are empty. Duplicates in the given collections count once.
 */
public final class Jaccard {
    private Jaccard() {
    }

    public static double of(Collection<?> a, Collection<?> b) {
        Set<Object> union = new HashSet<>(a);
        union.addAll(b);
        if (union.isEmpty()) return Double.NaN;
        Set<Object> intersection = new HashSet<>(a);
        intersection.retainAll(new HashSet<>(b));
        return (double) intersection.size() / union.size();
    }

    /** The symmetric matrix of {@link #of} between every two of {@code sets} (1 on the diagonal unless a set is empty). */
    public static double[][] matrix(List<? extends Collection<?>> sets) {
        int n = sets.size();
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) m[i][j] = m[j][i] = of(sets.get(i), sets.get(j));
        }
        return m;
    }
}
