package hifi.engine.tokenizer;

/**
 * How {@link BasicTokenizer} normalises text, named as in HuggingFace's BertNormalizer.
 *
 * @param cleanText          delete control and format characters, NUL and U+FFFD; turn every whitespace into a space
 * @param handleChineseChars put spaces around each CJK ideograph so that it becomes a word of its own
 * @param stripAccents       decompose (NFD) and drop non-spacing marks: "café" becomes "cafe"
 * @param lowercase          lower-case each code point
 */
public record NormalizerOptions(boolean cleanText, boolean handleChineseChars, boolean stripAccents,
                                boolean lowercase) {

    /** The uncased BERT setting: everything on. */
    public static NormalizerOptions uncased() {
        return new NormalizerOptions(true, true, true, true);
    }

    /** The cased BERT setting: case and accents kept. */
    public static NormalizerOptions cased() {
        return new NormalizerOptions(true, true, false, false);
    }

    /**
     * BERT's defaults for a given casing: accents are stripped exactly when text is lower-cased, unless
     * {@code stripAccents} says otherwise (null = follow {@code lowercase}, as HF does).
     */
    public static NormalizerOptions of(boolean lowercase, Boolean stripAccents, boolean handleChineseChars,
                                       boolean cleanText) {
        return new NormalizerOptions(cleanText, handleChineseChars, stripAccents == null ? lowercase : stripAccents,
                lowercase);
    }
}
