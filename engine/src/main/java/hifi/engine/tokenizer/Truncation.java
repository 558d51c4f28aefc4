package hifi.engine.tokenizer;

/**
 * The {@code longest_first} rule of HuggingFace {@code tokenizers}: how many tokens of each text of a pair to keep so
 * that both fit a budget (the maximum length minus the special tokens). Tokens are cut from the end of a text.
 *
 * <p>If the texts fit, nothing is cut. Otherwise, if the shorter text fits in half the budget it is kept whole and
 * the longer one gets the rest; if not, the budget is split in halves, the odd token going to the longer text (to the
 * second text on a tie).
 */
final class Truncation {
    private Truncation() {}

    /** The number of tokens of the first and second text to keep, as {@code {keepFirst, keepSecond}}. */
    static int[] longestFirst(int first, int second, int budget) {
        if (first + second <= budget) return new int[] {first, second};
        boolean firstIsLonger = first > second;
        int shorter = Math.min(first, second);
        int longer = Math.max(first, second);
        int keepShorter;
        int keepLonger;
        if (shorter <= budget - shorter) {
            keepShorter = shorter;
            keepLonger = budget - shorter;
        } else {
            keepShorter = budget / 2;
            keepLonger = keepShorter + budget % 2;
        }
        keepLonger = Math.min(keepLonger, longer);
        return firstIsLonger ? new int[] {keepLonger, keepShorter} : new int[] {keepShorter, keepLonger};
    }
}
