package hifi.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WordPiece} edge cases; every expected value is checked against HF tokenizers (DJL) in the test itself. */
class WordPieceTest {
    private static final BertTokenizer MINILM = BertTokenizer.fromTokenizerJson(Fixtures.miniLmTokenizerJson());

    @TempDir
    Path dir;

    /**
     * Readable examples with the bert-base-uncased vocabulary. The expected pieces were printed by HF tokenizers
     * 0.36.0 (DJL) and are checked against it again below.
     */
    private static final Map<String, List<String>> EXAMPLES = Map.of(
            "unaffable", List.of("una", "##ffa", "##ble"),
            "unbelievably", List.of("un", "##bel", "##ie", "##va", "##bly"),
            "tokenization", List.of("token", "##ization"),
            "antidisestablishmentarianism", List.of("anti", "##dis", "##est", "##ab", "##lish", "##ment", "##arian",
                    "##ism"),
            "a".repeat(100), List.of("aaa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa",
                    "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa",
                    "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa",
                    "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa", "##aa",
                    "##aa", "##aa", "##aa", "##a"),
            "a".repeat(101), List.of("[UNK]"),
            "ab☃cd", List.of("[UNK]"),
            "##", List.of("#", "#"),
            "naïveté", List.of("naive", "##te"));

    @Test
    void examplesMatchHf() {
        WordPiece wordPiece = MINILM.wordPiece();
        try (HfOracle hf = HfOracle.plain(Fixtures.miniLmTokenizerJson())) {
            EXAMPLES.forEach((word, expected) -> {
                assertEquals(hf.tokens(word), MINILM.tokenize(word), "HF vs the whole tokenizer on " + word);
                if (!word.contains("#") && !word.contains("ï")) { // only whole words reach WordPiece
                    assertEquals(expected, hf.tokens(word), "HF on " + word);
                    assertEquals(expected, wordPiece.tokenize(word), word);
                }
            });
        }
    }

    @Test
    void unknownTokenAndIds() {
        WordPiece wordPiece = MINILM.wordPiece();
        assertEquals(MINILM.vocab().id("[UNK]"), wordPiece.unkId());
        assertArrayEquals(new int[] {wordPiece.unkId()}, wordPiece.ids("☃☃"));
        assertArrayEquals(new int[] {MINILM.vocab().id("token"), MINILM.vocab().id("##ization")},
                wordPiece.ids("tokenization"));
    }

    /** The word-length limit counts code points, and applies to the normalised word (é → e counts once). */
    @Test
    void wordLengthLimitMatchesHf() {
        for (int limit : new int[] {1, 5, 12}) {
            Path json = TokenizerJsonVariants.write(TokenizerJsonVariants.withMaxInputChars(limit), dir, "limit.json");
            BertTokenizer ours = BertTokenizer.fromTokenizerJson(json);
            try (HfOracle hf = HfOracle.plain(json)) {
                for (String text : List.of("a", "abcde", "abcdef", "hello wonderful world", "ééééé éééééé",
                        "x" + "\uD835\uDC9C".repeat(5), "abcdefghijkl abcdefghijklm", "tokenization", "unaffable")) {
                    assertEquals(hf.tokens(text), ours.tokenize(text), "limit " + limit + ": " + text);
                }
            }
        }
    }

    /** Supplementary characters in the vocabulary: greedy matching works on code points, not UTF-16 units. */
    @Test
    @SuppressWarnings("unchecked")
    void supplementaryCharactersInTheVocabulary() {
        Map<String, Object> variant = TokenizerJsonVariants.characterVocabulary(
                List.of((int) 'a', (int) 'b', 0x1D49C, 0x1F600), NormalizerOptions.uncased());
        ((Map<String, Object>) variant.get("model")).put("max_input_chars_per_word", 100L);
        Path json = TokenizerJsonVariants.write(variant, dir, "supp.json");
        BertTokenizer ours = BertTokenizer.fromTokenizerJson(json);
        try (HfOracle hf = HfOracle.plain(json)) {
            for (String text : List.of("a\uD835\uDC9Cb", "\uD83D\uDE00\uD83D\uDE00a", "\uD835\uDC9C".repeat(100),
                    "\uD835\uDC9C".repeat(101), "a\uD83D\uDE01")) {
                List<String> expected = hf.tokens(text);
                assertEquals(expected, ours.tokenize(text), HfParityTest.describe(text));
            }
            assertEquals(100, ours.tokenize("\uD835\uDC9C".repeat(100)).size());
            assertEquals(List.of("[UNK]"), ours.tokenize("\uD835\uDC9C".repeat(101)));
        }
    }

    @Test
    void rejectsAMissingUnknownToken() {
        Vocab vocab = Vocab.fromList(List.of("a", "##b"));
        var e = assertThrows(IllegalArgumentException.class, () -> WordPiece.bert(vocab));
        assertTrue(e.getMessage().contains("[UNK]"), e.getMessage());
    }
}
