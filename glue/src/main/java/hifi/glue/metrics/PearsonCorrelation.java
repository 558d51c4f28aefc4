package hifi.glue.metrics;

/**
 * Pearson's correlation coefficient, computed in double precision in two passes (means first, then centred sums),
 * which avoids the cancellation of the one-pass formula. Undefined (NaN) when either input is constant, as SciPy
 * reports it.
 */
public final class PearsonCorrelation {
    private PearsonCorrelation() {
    }

    public static double of(double[] x, double[] y) {
        Inputs.check(x.length, y.length);
        double meanX = mean(x);
        double meanY = mean(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return Double.NaN;
        double r = sxy / Math.sqrt(sxx * syy);
        return Math.max(-1.0, Math.min(1.0, r));
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double d : v) sum += d;
        return sum / v.length;
    }
}
