package hifi.engine.tokenizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * BERT's first stage: raw text to words. Special tokens ({@code [CLS]}, {@code [MASK]}, …) are cut out of the raw
 * text first and kept whole; every other stretch of text is normalised ({@link #normalize}) and then split on
 * whitespace (dropped) and punctuation (each punctuation character is a word of its own).
 *
 * <p>This follows HuggingFace {@code tokenizers} (added tokens, BertNormalizer, BertPreTokenizer): a special token is
 * recognised anywhere in the text, even glued to a word ("Paris[SEP]"), and only in its exact spelling. Thread-safe.
 */
public final class BasicTokenizer {
    private final NormalizerOptions options;
    private final SpecialTokens specials;

    /**
     * @param options  how text is normalised
     * @param neverSplit special tokens recognised verbatim in raw text and never normalised or split
     */
    public BasicTokenizer(NormalizerOptions options, Collection<String> neverSplit) {
        this.options = options;
        this.specials = new SpecialTokens(neverSplit);
    }

    /** The normalisation settings. */
    public NormalizerOptions options() {
        return options;
    }

    /** Receives the words of a text in order. */
    @FunctionalInterface
    public interface WordSink {
        /**
         * @param word    a non-empty word without whitespace
         * @param special whether it is one of the never-split special tokens, found verbatim in the raw text
         */
        void accept(String word, boolean special);
    }

    /** Splits raw text into words; special tokens come out unchanged as words of their own. */
    public List<String> tokenize(String text) {
        List<String> words = new ArrayList<>();
        tokenize(text, (word, special) -> words.add(word));
        return words;
    }

    /** As {@link #tokenize(String)}, handing each word to {@code sink} instead of collecting them. */
    public void tokenize(String text, WordSink sink) {
        int start = 0;
        SpecialTokens.Match match;
        while ((match = specials.find(text, start)) != null) {
            splitWords(normalize(text.substring(start, match.start())), sink);
            sink.accept(match.token(), true);
            start = match.end();
        }
        splitWords(normalize(start == 0 ? text : text.substring(start)), sink);
    }

    /** Applies cleaning, CJK spacing, accent stripping and lower-casing, as configured, in that order. */
    public String normalize(String text) {
        String s = options.cleanText() || options.handleChineseChars() ? cleanAndSpaceCjk(text) : text;
        if (options.stripAccents()) {
            s = Normalizer.normalize(s, Normalizer.Form.NFD);
        }
        return options.stripAccents() || options.lowercase() ? dropMarksAndLowercase(s) : s;
    }

    private String cleanAndSpaceCjk(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (options.cleanText()) {
                if (CharClasses.isRemovedByCleaning(cp)) continue;
                if (CharClasses.isWhitespace(cp)) cp = ' ';
            }
            if (options.handleChineseChars() && CharClasses.isCjkIdeograph(cp)) {
                out.append(' ').appendCodePoint(cp).append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private String dropMarksAndLowercase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (options.stripAccents() && CharClasses.isNonSpacingMark(cp)) continue;
            if (options.lowercase()) {
                appendLowercase(out, cp);
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /**
     * Lower-cases one code point on its own, with no context (so a final capital sigma becomes σ, not ς). U+0130
     * (capital I with dot) is the only character whose full lower-case mapping is two code points.
     */
    private static void appendLowercase(StringBuilder out, int cp) {
        if (cp == 0x130) {
            out.append("i\u0307");
        } else {
            out.appendCodePoint(Character.toLowerCase(cp));
        }
    }

    /** Splits normalised text on whitespace (dropped) and punctuation (kept, one character per word). */
    private static void splitWords(String text, WordSink words) {
        int wordStart = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            boolean space = CharClasses.isWhitespace(cp);
            if (space || CharClasses.isPunctuation(cp)) {
                if (wordStart >= 0) words.accept(text.substring(wordStart, i), false);
                wordStart = -1;
                if (!space) words.accept(text.substring(i, next), false);
            } else if (wordStart < 0) {
                wordStart = i;
            }
            i = next;
        }
        if (wordStart >= 0) words.accept(text.substring(wordStart), false);
    }
}
