package hifi.method.stats;

/**
 * The Gram matrix {@code Oᵀ O} of a column block of a float matrix, accumulated in {@code double}: every product of
 * two floats is exact in double, so the only rounding is in the sums (relative {@code ~1e-16}). Information richness
 * reads singular values down to {@code ~1e-8 · σ_max} from this matrix, which a float Gram ({@code ~1e-7 · λ_max}
 * noise, i.e. {@code ~3e-4 · σ_max}) could not give.
 */
final class DoubleGram {
    private DoubleGram() {
    }

    /**
     * Adds the upper triangle ({@code j ≥ i}) of {@code Oᵀ O} to {@code gram} ({@code k × k} row-major), where
     * {@code O} is columns {@code col0 .. col0+k−1} of the {@code rows × ld} row-major matrix {@code m}. Tokens are
     * taken four at a time, so each Gram row is loaded and stored once per four rank-1 updates; the inner loops are
     * plain {@code y += a·x} forms that the JIT vectorises.
     */
    static void addUpper(float[] m, int rows, int ld, int col0, int k, double[] gram) {
        double[] r0 = new double[k], r1 = new double[k], r2 = new double[k], r3 = new double[k];
        int t = 0;
        for (; t + 4 <= rows; t += 4) {
            load(m, t * ld + col0, r0);
            load(m, (t + 1) * ld + col0, r1);
            load(m, (t + 2) * ld + col0, r2);
            load(m, (t + 3) * ld + col0, r3);
            for (int i = 0; i < k; i++) {
                double a0 = r0[i], a1 = r1[i], a2 = r2[i], a3 = r3[i];
                int gi = i * k;
                for (int j = i; j < k; j++) gram[gi + j] += a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j];
            }
        }
        for (; t < rows; t++) {
            load(m, t * ld + col0, r0);
            for (int i = 0; i < k; i++) {
                double a0 = r0[i];
                int gi = i * k;
                for (int j = i; j < k; j++) gram[gi + j] += a0 * r0[j];
            }
        }
    }

    private static void load(float[] m, int offset, double[] row) {
        for (int j = 0; j < row.length; j++) row[j] = m[offset + j];
    }
}
