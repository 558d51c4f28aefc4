package hifi.engine.tokenizer;

import java.util.Arrays;

/**
 * One encoded text or text pair, ready for BERT: {@code [CLS] A [SEP]} or {@code [CLS] A [SEP] B [SEP]}, possibly
 * followed by padding. The three arrays have the same length. The arrays are shared, not copied: do not modify them.
 * Two encodings are equal when their contents are.
 *
 * @param ids           token ids
 * @param typeIds       segment ids: 0 for {@code [CLS]}, the first text and its {@code [SEP]}; 1 for the second
 *                      text and its {@code [SEP]}; 0 for padding
 * @param attentionMask 1 for real tokens, 0 for padding
 */
public record Encoding(int[] ids, int[] typeIds, int[] attentionMask) {

    public Encoding {
        if (typeIds.length != ids.length || attentionMask.length != ids.length) {
            throw new IllegalArgumentException("ids, typeIds and attentionMask differ in length: " + ids.length
                    + ", " + typeIds.length + ", " + attentionMask.length);
        }
    }

    /** Number of positions, padding included. */
    public int length() {
        return ids.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Encoding e && Arrays.equals(ids, e.ids) && Arrays.equals(typeIds, e.typeIds)
                && Arrays.equals(attentionMask, e.attentionMask);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(ids) + Arrays.hashCode(typeIds)) + Arrays.hashCode(attentionMask);
    }

    @Override
    public String toString() {
        return "Encoding[ids=" + Arrays.toString(ids) + ", typeIds=" + Arrays.toString(typeIds) + ", attentionMask="
                + Arrays.toString(attentionMask) + "]";
    }

    /** Number of real (unpadded) positions. */
    public int realLength() {
        int n = 0;
        for (int m : attentionMask) n += m;
        return n;
    }
}
