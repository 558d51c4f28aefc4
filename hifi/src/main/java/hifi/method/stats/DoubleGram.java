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
     * {@code O} is columns {@code col0 .. col0+k−1} of the {@code rows × ld} row-major matrix {@code m}.
     */
    static void addUpper(float[] m, int rows, int ld, int col0, int k, double[] gram) {
        double[] row = new double[k];
        for (int t = 0; t < rows; t++) {
            int base = t * ld + col0;
            for (int j = 0; j < k; j++) row[j] = m[base + j];
            for (int i = 0; i < k; i++) {
                double ri = row[i];
                int gi = i * k;
                for (int j = i; j < k; j++) gram[gi + j] += ri * row[j];
            }
        }
    }
}
