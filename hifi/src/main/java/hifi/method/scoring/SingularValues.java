package hifi.method.scoring;

/**
 * Singular values of a matrix {@code O} from its Gram matrix {@code G = Oᵀ O}: {@code σ_i = sqrt(max(λ_i(G), 0))}.
 * Rounding can leave tiny negative eigenvalues on a positive semi-definite {@code G}; they are clamped to zero.
 *
 * <p>Accuracy: an eigenvalue carries an absolute error of about {@code 1e-16 · λ_max}, so a singular value that is
 * zero in exact arithmetic comes out at most about {@code 1e-8 · σ_max}. For {@code O} of full column rank and
 * moderate condition the result agrees with an SVD of {@code O} to about {@code 1e-12} relative.
 */
public final class SingularValues {
    private SingularValues() {
    }

    /**
     * @param gram row-major {@code k × k} Gram matrix (upper triangle read; overwritten as scratch)
     * @return the {@code k} singular values, descending
     */
    public static double[] fromGram(double[] gram, int k) {
        double[] lambda = SymmetricEigenvalues.of(gram, k);
        for (int i = 0; i < k; i++) lambda[i] = Math.sqrt(Math.max(lambda[i], 0));
        return lambda;
    }
}
