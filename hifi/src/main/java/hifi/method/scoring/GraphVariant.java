package hifi.method.scoring;

/**
 * Where information richness {@code I} enters the head graph ({@code R}: correlations, {@code R_ii = 0};
 * {@code M[i][j]}: probability of the step {@code j → i}; {@code p}: teleport vector). See docs/method.md#7-the-head-graph.
 */
public enum GraphVariant {
    /** {@code M[i][j] = R_ij / Σ_k R_kj}, {@code p = I / Σ I}: information only in the teleport. */
    A,
    /** The default: {@code M[i][j] ∝ R_ij · I_i} (column-normalised), {@code p} uniform. */
    B,
    /** Variant B's {@code M} with {@code p = I / Σ I}. */
    C;

    /** Parses {@code A}, {@code B} or {@code C} (any case). */
    public static GraphVariant byName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown graph variant \"" + name + "\" (use A, B or C)");
        }
    }
}
