package hifi.engine.tokenizer;

/**
 * How encodings are padded (always on the right, with the pad token, type id 0 and attention 0). Padding never
 * shortens: a row already longer than the target keeps its length; use truncation for that.
 *
 * @param strategy what the target length is
 * @param length   the target for {@link Strategy#FIXED}; 0 otherwise
 */
public record Padding(Strategy strategy, int length) {

    /** What a row is padded to. */
    public enum Strategy {
        /** No padding. */
        NONE,
        /** The longest row of the batch (a single encoding stays as it is). */
        LONGEST,
        /** A fixed length. */
        FIXED
    }

    /** No padding. */
    public static final Padding NONE = new Padding(Strategy.NONE, 0);
    /** Pad to the longest row of the batch. */
    public static final Padding LONGEST = new Padding(Strategy.LONGEST, 0);

    public Padding {
        if (strategy == Strategy.FIXED ? length < 1 : length != 0) {
            throw new IllegalArgumentException("padding " + strategy + " with length " + length);
        }
    }

    /** Pad every row to {@code length}. */
    public static Padding toLength(int length) {
        return new Padding(Strategy.FIXED, length);
    }

    /** The length rows of a batch whose longest row is {@code longest} are padded to. */
    int target(int longest) {
        return switch (strategy) {
            case NONE -> 0;
            case LONGEST -> longest;
            case FIXED -> length;
        };
    }
}
