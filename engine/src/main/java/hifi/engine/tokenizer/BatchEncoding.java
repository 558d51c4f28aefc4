package hifi.engine.tokenizer;

import java.util.List;

/**
 * The encodings of a batch of texts, in input order. With padding to the longest or to a fixed length every row has
 * the same length, so {@link #ids()} and friends form rectangular matrices.
 *
 * @param encodings one encoding per input text or pair
 */
public record BatchEncoding(List<Encoding> encodings) {

    public BatchEncoding {
        encodings = List.copyOf(encodings);
    }

    /** Number of rows. */
    public int size() {
        return encodings.size();
    }

    /** Row {@code i}. */
    public Encoding get(int i) {
        return encodings.get(i);
    }

    /** The longest row length (0 for an empty batch). */
    public int maxLength() {
        int max = 0;
        for (Encoding e : encodings) max = Math.max(max, e.length());
        return max;
    }

    /** Token ids, one row per text. */
    public int[][] ids() {
        return encodings.stream().map(Encoding::ids).toArray(int[][]::new);
    }

    /** Segment ids, one row per text. */
    public int[][] typeIds() {
        return encodings.stream().map(Encoding::typeIds).toArray(int[][]::new);
    }

    /** Attention masks, one row per text. */
    public int[][] attentionMask() {
        return encodings.stream().map(Encoding::attentionMask).toArray(int[][]::new);
    }
}
