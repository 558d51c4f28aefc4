package hifi.method.select;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The seeded calibration sample: {@code size} distinct training examples drawn without replacement (a partial
 * Fisher–Yates shuffle driven by {@code java.util.Random}, whose sequence the JDK specifies, so a seed means the same
 * sample on every JVM). The draw order is kept: the first half and the second half are the two disjoint halves of the
 * stability check.
 */
public final class CalibrationSample {
    private CalibrationSample() {
    }

    /** Indices into a training set of {@code population} examples; all of them (shuffled) when {@code size ≥ population}. */
    public static int[] draw(int population, int size, long seed) {
        if (population < 1) throw new IllegalArgumentException("the training data is empty: nothing to calibrate on");
        if (size < 1) throw new IllegalArgumentException("calibration sample size must be ≥ 1, got " + size);
        int n = Math.min(size, population);
        int[] pool = new int[population];
        for (int i = 0; i < population; i++) pool[i] = i;
        Random rnd = new Random(seed);
        for (int i = 0; i < n; i++) {
            int j = i + rnd.nextInt(population - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        return java.util.Arrays.copyOf(pool, n);
    }

    /** The examples at the drawn indices, in draw order. */
    public static List<TextExample> select(List<TextExample> training, int[] indices) {
        List<TextExample> out = new ArrayList<>(indices.length);
        for (int i : indices) out.add(training.get(i));
        return out;
    }
}
