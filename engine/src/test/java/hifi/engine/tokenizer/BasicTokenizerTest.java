package hifi.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BasicTokenizer}'s words against HuggingFace's normaliser and pre-tokenizer, for every normaliser setting.
 * HF does not expose its words directly, so the oracle gets a vocabulary of single characters: its WordPiece output
 * ({@code c ##a ##t}) then spells each word out, and merging the {@code ##} pieces gives HF's words.
 */
class BasicTokenizerTest {
    private static final List<NormalizerOptions> SETTINGS = List.of(
            NormalizerOptions.uncased(),
            NormalizerOptions.cased(),
            new NormalizerOptions(true, true, true, false),   // strip accents, keep case
            new NormalizerOptions(true, true, false, true),   // lower-case, keep accents
            new NormalizerOptions(true, false, true, true),   // no CJK spacing
            new NormalizerOptions(false, true, true, true),   // no cleaning
            new NormalizerOptions(false, false, false, false));

    @TempDir
    Path dir;

    /** Readable examples (uncased); each expected value is also confirmed against HF in the test itself. */
    private static final List<List<Object>> EXAMPLES = List.of(
            List.of("Hello [MASK] world! Café", List.of("hello", "[MASK]", "world", "!", "cafe")),
            List.of("Paris[SEP]London", List.of("paris", "[SEP]", "london")),
            List.of("[mask]", List.of("[", "mask", "]")),
            List.of("中文English混合", List.of("中", "文", "english", "混", "合")),
            List.of("control\u0000chars\u200B", List.of("controlchars")),
            List.of("don't U.S.", List.of("don", "'", "t", "u", ".", "s", ".")),
            List.of(" \t\n\u00A0", List.of()));

    @Test
    @SuppressWarnings("unchecked")
    void examples() {
        BasicTokenizer uncased = new BasicTokenizer(NormalizerOptions.uncased(), BertSpecialTokens.DEFAULT.all());
        List<String> texts = EXAMPLES.stream().map(e -> (String) e.get(0)).toList();
        Path json = TokenizerJsonVariants.write(TokenizerJsonVariants.characterVocabulary(
                charactersOf(texts, uncased), NormalizerOptions.uncased()), dir, "chars.json");
        try (HfOracle hf = HfOracle.plain(json)) {
            for (List<Object> example : EXAMPLES) {
                String text = (String) example.get(0);
                List<String> expected = (List<String>) example.get(1);
                assertEquals(expected, mergePieces(hf.tokens(text)), "HF on " + HfParityTest.describe(text));
                assertEquals(expected, uncased.tokenize(text), HfParityTest.describe(text));
            }
        }
    }

    @Test
    void wordsMatchHfForEveryNormalizerSetting() {
        List<String> texts = new ArrayList<>(HardCases.texts());
        List<String> sentences = Fixtures.sentences();
        for (int i = 0; i < sentences.size(); i += 10) texts.add(sentences.get(i));
        for (NormalizerOptions options : SETTINGS) {
            BasicTokenizer ours = new BasicTokenizer(options, BertSpecialTokens.DEFAULT.all());
            Path json = TokenizerJsonVariants.write(
                    TokenizerJsonVariants.characterVocabulary(charactersOf(texts, ours), options), dir, "chars.json");
            int compared = 0;
            try (HfOracle hf = HfOracle.plain(json)) {
                for (String text : texts) {
                    // An [UNK] from the oracle means HF produced a character our normaliser did not.
                    assertEquals(mergePieces(hf.tokens(text)), ours.tokenize(text),
                            HfParityTest.describe(text) + " with " + options);
                    compared++;
                }
            }
            assertEquals(texts.size(), compared);
        }
    }

    /** Every character the text or its normalised forms may contain, for the oracle's vocabulary. */
    private static Set<Integer> charactersOf(List<String> texts, BasicTokenizer ours) {
        Set<Integer> chars = new HashSet<>();
        for (String text : texts) {
            for (String form : List.of(text, ours.normalize(text), text.toLowerCase(java.util.Locale.ROOT),
                    Normalizer.normalize(text, Normalizer.Form.NFD),
                    Normalizer.normalize(text, Normalizer.Form.NFD).toLowerCase(java.util.Locale.ROOT))) {
                form.codePoints().filter(cp -> !Character.isSurrogate((char) cp) || cp > 0xFFFF).forEach(chars::add);
            }
        }
        chars.removeIf(cp -> CharClasses.isWhitespace(cp));
        return chars;
    }

    private static List<String> mergePieces(List<String> tokens) {
        List<String> words = new ArrayList<>();
        for (String t : tokens) {
            if (t.startsWith("##") && !words.isEmpty()) {
                words.set(words.size() - 1, words.getLast() + t.substring(2));
            } else {
                words.add(t);
            }
        }
        return words;
    }
}
