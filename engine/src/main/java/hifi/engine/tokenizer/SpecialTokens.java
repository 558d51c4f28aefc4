package hifi.engine.tokenizer;

import java.util.Collection;
import java.util.List;

/**
 * Finds special tokens in raw text: the leftmost occurrence of any of them, the longest one where several start at
 * the same place. There are only a handful of special tokens, so a scan with a first-character filter is enough.
 */
final class SpecialTokens {
    /** One occurrence: {@code text.substring(start, end).equals(token)}. */
    record Match(String token, int start, int end) {}

    private final String[] tokens;
    private final String firstChars;

    SpecialTokens(Collection<String> tokens) {
        List<String> nonEmpty = tokens.stream().filter(t -> !t.isEmpty()).distinct().toList();
        this.tokens = nonEmpty.toArray(String[]::new);
        StringBuilder firsts = new StringBuilder();
        for (String t : this.tokens) {
            if (firsts.indexOf(t.substring(0, 1)) < 0) firsts.append(t.charAt(0));
        }
        this.firstChars = firsts.toString();
    }

    /** The first special token at or after {@code from}, or null when there is none. */
    Match find(String text, int from) {
        if (tokens.length == 0) return null;
        for (int i = from; i < text.length(); i++) {
            if (firstChars.indexOf(text.charAt(i)) < 0) continue;
            String longest = null;
            for (String t : tokens) {
                if (text.startsWith(t, i) && (longest == null || t.length() > longest.length())) longest = t;
            }
            if (longest != null) return new Match(longest, i, i + longest.length());
        }
        return null;
    }
}
