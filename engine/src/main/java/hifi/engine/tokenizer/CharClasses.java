package hifi.engine.tokenizer;

/**
 * The character classes BERT's text pipeline is defined by, exactly as HuggingFace {@code tokenizers}
 * (BertNormalizer, BertPreTokenizer) decides them. All methods take a Unicode code point.
 *
 * <p>General categories are those of Unicode 8.0, the tables HF uses: a character assigned later counts as
 * uncategorised (see {@link Unicode8}). Unassigned characters are kept, not removed.
 */
final class CharClasses {
    private CharClasses() {}

    /** The general category ({@link Character#getType}) HF sees: {@code UNASSIGNED} for characters newer than 8.0. */
    static int category(int cp) {
        return Unicode8.isAssigned(cp) ? Character.getType(cp) : Character.UNASSIGNED;
    }

    /**
     * Characters that text cleaning deletes: NUL, U+FFFD and the control, format, private-use and surrogate
     * characters (categories Cc, Cf, Co, Cs) except tab, newline and carriage return, which count as whitespace.
     */
    static boolean isRemovedByCleaning(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') return false;
        if (cp == 0 || cp == 0xFFFD) return true;
        return switch (category(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE -> true;
            default -> false;
        };
    }

    /**
     * Unicode's White_Space property (what Rust's {@code char::is_whitespace} tests). Unlike
     * {@link Character#isWhitespace}, it includes the no-break spaces U+00A0, U+2007, U+202F and NEL U+0085, and
     * excludes the information separators U+001C–U+001F.
     */
    static boolean isWhitespace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0B, 0x0C, '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200A;
        };
    }

    /** BERT punctuation: every non-alphanumeric printable ASCII character, plus Unicode categories P*. */
    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return switch (category(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /**
     * The CJK ideograph blocks BERT surrounds with spaces (each ideograph becomes its own word). Hangul, kana and
     * CJK punctuation are deliberately not included, following the original BERT definition.
     */
    static boolean isCjkIdeograph(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    /** Non-spacing marks (category Mn): what accent stripping removes after NFD decomposition. */
    static boolean isNonSpacingMark(int cp) {
        return category(cp) == Character.NON_SPACING_MARK;
    }
}
