package hifi.glue.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The paired difference of two methods' scores over the same seeds ({@code a[i] − b[i]}, seed by seed) with a
 * percentile bootstrap interval: the per-seed differences are resampled with replacement {@code resamples} times from
 * a fixed seed, and the interval is the {@code (1 − level)/2} and {@code (1 + level)/2} quantiles (linear
 * interpolation between order statistics) of the resampled means.
 */
public final class PairedBootstrap {
    /** The default number of resamples. */
    public static final int RESAMPLES = 10_000;
    /** The default seed of the resampling. */
    public static final long SEED = 20_240_101L;

    /** The mean difference and its bootstrap interval, over {@code n} pairs. */
    public record Difference(double mean, double low, double high, int n) {
    }

    private PairedBootstrap() {
    }

    /** The mean of {@code a − b} with a 95 % interval from {@link #RESAMPLES} resamples seeded with {@link #SEED}. */
    public static Difference of(double[] a, double[] b) {
        return of(a, b, 0.95, RESAMPLES, SEED);
    }

    public static Difference of(double[] a, double[] b, double level, int resamples, long seed) {
        if (a.length != b.length) throw new IllegalArgumentException("paired scores need the same seeds: " + a.length + " vs " + b.length + " scores");
        if (a.length == 0) throw new IllegalArgumentException("no paired scores");
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        if (resamples < 1) throw new IllegalArgumentException("resamples must be ≥ 1, got " + resamples);
        int n = a.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[i] - b[i];
            if (!Double.isFinite(d[i])) throw new IllegalArgumentException("score pair " + i + " is not finite: " + a[i] + ", " + b[i]);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += d[random.nextInt(n)];
            means[r] = sum / n;
        }
        Arrays.sort(means);
        return new Difference(Arrays.stream(d).sum() / n, quantile(means, (1 - level) / 2), quantile(means, (1 + level) / 2), n);
    }

    /** The {@code p} quantile of sorted values, interpolating linearly between order statistics. */
    static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
