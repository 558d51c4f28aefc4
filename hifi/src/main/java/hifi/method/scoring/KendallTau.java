package hifi.method.scoring;

/**
 * Kendall's rank correlation τ-b between two score vectors over the same items:
 * {@code τ_b = (C − D) / sqrt((P − T_x)(P − T_y))}, with {@code C}/{@code D} the concordant/discordant pairs,
 * {@code P = n(n−1)/2} and {@code T_x}, {@code T_y} the pairs tied in each vector. O(n²): HiFi compares at most a few
 * hundred heads. {@code NaN} when either vector is constant (τ is undefined).
 */
public final class KendallTau {
    private KendallTau() {
    }

    public static double tauB(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("Kendall τ needs equal lengths, got " + x.length + " and " + y.length);
        int n = x.length;
        long concordant = 0, discordant = 0, tiedX = 0, tiedY = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int sx = Double.compare(x[i], x[j]);
                int sy = Double.compare(y[i], y[j]);
                if (sx == 0) tiedX++;
                if (sy == 0) tiedY++;
                if (sx != 0 && sy != 0) {
                    if ((sx > 0) == (sy > 0)) concordant++;
                    else discordant++;
                }
            }
        }
        long pairs = (long) n * (n - 1) / 2;
        double denominator = Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }
}
