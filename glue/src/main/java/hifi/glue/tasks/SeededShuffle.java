package hifi.glue.tasks;

import java.util.Random;

/**
 * A reproducible permutation: a Fisher–Yates shuffle driven by {@code new java.util.Random(seed)}, whose algorithm
 * the JDK specifies exactly, so the same seed gives the same order on every JVM and platform.
 */
public final class SeededShuffle {
    private SeededShuffle() {
    }

    /** A permutation of {@code 0..n-1}. */
    public static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Random rng = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Which of {@code n} items are among the first {@code k} of the permutation for {@code seed}. */
    public static boolean[] chosen(int n, int k, long seed) {
        if (k < 0 || k > n) throw new IllegalArgumentException("cannot choose " + k + " of " + n);
        int[] order = permutation(n, seed);
        boolean[] chosen = new boolean[n];
        for (int i = 0; i < k; i++) chosen[order[i]] = true;
        return chosen;
    }
}
