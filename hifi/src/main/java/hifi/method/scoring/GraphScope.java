package hifi.method.scoring;

/** Which heads share one PageRank graph. */
public enum GraphScope {
    /** The default: one graph per layer over its {@code H} heads. */
    LAYER,
    /** One graph over all {@code L·H} heads, with cross-layer correlations measured on the same tokens. */
    GLOBAL;

    /** Parses {@code layer} or {@code global} (any case). */
    public static GraphScope byName(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "layer" -> LAYER;
            case "global" -> GLOBAL;
            default -> throw new IllegalArgumentException("unknown graph scope \"" + name + "\" (use layer or global)");
        };
    }

    /** The switch value. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
